package io.wework.identity.command.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's SMS gateway (WeCan): {@code POST {WECAN_REST_URL}/sms/pattern-send} with header
 * {@code token: WECAN_TOKEN} when a template ({@code WECAN_OTP_TEMPLATE_ID}) is set, else
 * {@code POST /sms/send} with a text. Any non-2xx answer, timeout or connection error is a
 * delivery failure.
 */
public class WecanSmsSender implements SmsSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final String fromNumber;
    private final String templateId;
    private final Duration timeout;

    public WecanSmsSender(String baseUrl, String token, String fromNumber, String templateId, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.fromNumber = fromNumber;
        this.templateId = templateId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void sendOtp(String phoneNumber, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        if (templateId != null && !templateId.isBlank()) {
            path = "/sms/pattern-send";
            body.put("from", fromNumber);
            body.put("to", List.of(phoneNumber));
            body.put("template_id", templateId);
            body.put("params", Map.of("code", code));
        } else {
            path = "/sms/send";
            body.put("from", fromNumber);
            body.put("to", List.of(phoneNumber));
            body.put("text", "WeWork login code: " + code);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("token", token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SmsDeliveryException("SMS gateway answered " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new SmsDeliveryException("SMS gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsDeliveryException("Interrupted while sending SMS", e);
        }
    }
}
