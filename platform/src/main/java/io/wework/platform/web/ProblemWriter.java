package io.wework.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Writes an RFC 9457 problem+json body from places outside Spring MVC (filters, security). */
public class ProblemWriter {

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://wework.io/problems/" + code.replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        write(request, response, status, code, detail, java.util.Map.of());
    }

    /** As {@link #write(HttpServletRequest, HttpServletResponse, HttpStatus, String, String)}, with more members ({@code field}). */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail,
                      java.util.Map<String, Object> properties) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = problem(status, code, detail);
        properties.forEach(problem::setProperty);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
