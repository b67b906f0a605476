package io.wework.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every POST: the first request with a key runs and, when it succeeds (2xx),
 * its response is kept in Redis for 24 h; a repeat with the same key and the same body gets that
 * response again ({@code Idempotent-Replayed: true}) with no second effect; the same key with another
 * body is 422; a repeat while the first is still running is 409.
 * <ul>
 * <li>Keys are scoped to the caller: an authenticated caller's keys to its user id; an anonymous
 * caller, who has no identity, to the request itself (method, path, query and body hash), so two
 * anonymous callers meet on one key only by sending the very same request, and a replay then tells
 * them nothing they did not send.</li>
 * <li>Only a 2xx answer is kept. A refused request (4xx: a bad body, a conflict, a wrong password)
 * or a failed one (5xx) leaves nothing behind, and the client may fix it and retry with the key.</li>
 * <li>An answer that carries credentials ({@link CarriesCredentials}: tokens) is never kept or
 * replayed; a repeat runs again and meets the endpoint's own rules.</li>
 * </ul>
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final String PREFIX = "wework:idem:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringRedisTemplate redis;
    private final ProblemWriter problems;
    private final Duration ttl;

    public IdempotencyFilter(StringRedisTemplate redis, ProblemWriter problems, Duration ttl) {
        this.redis = redis;
        this.problems = problems;
        this.ttl = ttl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!SAFE.matcher(key).matches()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 200 letters, digits or ._:-");
            return;
        }
        boolean form = request.getContentType() != null
                && request.getContentType().startsWith("application/x-www-form-urlencoded");
        // a form body is read by the container into parameters; fingerprint those instead of the stream
        byte[] body;
        try {
            body = form ? formBytes(request) : request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.PayloadTooLargeException e) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", e.getMessage());
            return;
        }
        String fingerprint = fingerprint(request, body);
        String redisKey = PREFIX + scope(fingerprint) + ":" + key;
        Boolean acquired;
        try {
            acquired = redis.opsForValue().setIfAbsent(redisKey, "pending|" + fingerprint, ttl);
        } catch (DataAccessException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "dependency_unavailable",
                    "Idempotency keys cannot be checked right now; retry later");
            return;
        }
        if (!Boolean.TRUE.equals(acquired)) {
            answerRepeat(request, response, redisKey, fingerprint);
            return;
        }
        ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(form ? request : new ReplayableRequest(request, body), caching);
            if (keeps(request, caching.getStatus())) {
                Map<String, Object> stored = new LinkedHashMap<>();
                stored.put("fingerprint", fingerprint);
                stored.put("status", caching.getStatus());
                stored.put("content_type", caching.getContentType());
                stored.put("body", Base64.getEncoder().encodeToString(caching.getContentAsByteArray()));
                redis.opsForValue().set(redisKey, "done|" + JSON.writeValueAsString(stored), ttl);
                kept = true;
            }
        } finally {
            if (!kept) {
                try {
                    redis.delete(redisKey);
                } catch (DataAccessException ignored) {
                    // expires by TTL
                }
            }
            caching.copyBodyToResponse();
        }
    }

    private void answerRepeat(HttpServletRequest request, HttpServletResponse response, String redisKey, String fingerprint)
            throws IOException {
        String value = redis.opsForValue().get(redisKey);
        if (value == null) { // expired or released in between: ask the client to retry
            problems.write(request, response, HttpStatus.CONFLICT, "idempotency_key_in_use", "Retry the request");
            return;
        }
        if (value.startsWith("pending|")) {
            if (!value.substring(8).equals(fingerprint)) {
                problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                        "This Idempotency-Key was used with a different request");
            } else {
                problems.write(request, response, HttpStatus.CONFLICT, "idempotency_key_in_use",
                        "A request with this Idempotency-Key is still being processed");
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = JSON.readValue(value.substring(5), Map.class);
        if (!fingerprint.equals(stored.get("fingerprint"))) {
            problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request");
            return;
        }
        response.setStatus(((Number) stored.get("status")).intValue());
        if (stored.get("content_type") != null) {
            response.setContentType((String) stored.get("content_type"));
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(Base64.getDecoder().decode((String) stored.get("body")));
    }

    private static byte[] formBytes(HttpServletRequest request) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(request.getParameterMap()).forEach((name, values) ->
                b.append(name).append('=').append(String.join(",", values)).append('&'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code user:<id>} for an authenticated caller; {@code anon:<request fingerprint>} otherwise. */
    private static String scope(String fingerprint) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof io.wework.platform.security.AuthenticatedUser user) {
            return "user:" + user.userId();
        }
        return "anon:" + fingerprint;
    }

    /** A 2xx answer of a handler whose answers carry no credentials. */
    private static boolean keeps(HttpServletRequest request, int status) {
        if (status < 200 || status >= 300) {
            return false;
        }
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        return !method.hasMethodAnnotation(CarriesCredentials.class);
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its already-read body available again. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        if (in.available() > 0) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
