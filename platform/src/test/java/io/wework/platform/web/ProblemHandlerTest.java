package io.wework.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.common.api.DomainException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/somewhere");

    @Test
    void aDomainExceptionIsAProblemWithItsCodeAndMessage() {
        ResponseEntity<Object> response = handler.handleAny(
                new DomainException(DomainException.Kind.NOT_FOUND, "thing_not_found", "No thing 7"), request);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getDetail()).isEqualTo("No thing 7");
        assertThat(problem.getProperties()).containsEntry("code", "thing_not_found");
    }

    @Test
    void aStructuredDetailIsAnsweredAsAnObjectWithTheKindsStatus() {
        DomainException refusal = new DomainException(DomainException.Kind.PRECONDITION_REQUIRED, "profile_incomplete",
                "Complete your profile first: username") {
            @Override
            public Optional<Map<String, Object>> structuredDetail() {
                return Optional.of(Map.of("missing_fields", List.of("username"), "error_code", "PROFILE_INCOMPLETE"));
            }
        };
        ResponseEntity<Object> response = handler.handleAny(refusal, request);
        assertThat(response.getStatusCode().value()).isEqualTo(428);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getBody();
        assertThat(body).containsEntry("type", "https://wework.io/problems/profile-incomplete")
                .containsEntry("title", "Precondition Required")
                .containsEntry("status", 428)
                .containsEntry("code", "profile_incomplete")
                .containsEntry("instance", "/api/somewhere")
                .containsEntry("detail", Map.of("missing_fields", List.of("username"), "error_code", "PROFILE_INCOMPLETE"));
    }
}
