package io.wework.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json with a stable {@code code} and a string {@code detail}
 * (WeWork's front end shows {@code detail} as text). A client mistake is never a 500; a
 * dependency outage is a 503.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleAny(Exception ex, HttpServletRequest request) {
        Throwable cause = unwrap(ex);
        if (cause instanceof TooManyRequestsException limited) {
            return respond(HttpStatus.TOO_MANY_REQUESTS, limited.code(), limited.getMessage(), request,
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())));
        }
        if (cause instanceof DomainException domain) {
            HttpStatus status = statusOf(domain.kind());
            Optional<Map<String, Object>> structured = domain.structuredDetail();
            if (structured.isPresent()) {
                return respondStructured(status, domain.code(), structured.get(), request);
            }
            return respond(status, domain.code(), domain.getMessage(), request,
                    domain.kind() == DomainException.Kind.UNAVAILABLE ? Map.of(HttpHeaders.RETRY_AFTER, "5") : null);
        }
        if (cause instanceof AccessDeniedException) {
            return respond(HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this", request, null);
        }
        if (cause instanceof BodySizeLimitFilter.PayloadTooLargeException) {
            return respond(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", cause.getMessage(), request, null);
        }
        if (cause instanceof ConstraintViolationException cve) {
            String detail = cve.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; "));
            return respond(HttpStatus.BAD_REQUEST, "validation_failed", detail, request, null);
        }
        if (cause instanceof AggregateNotFoundException) {
            return respond(HttpStatus.NOT_FOUND, "not_found", "Not found", request, null);
        }
        DatabaseConnectionLoss loss = DatabaseConnectionLoss.of(ex);
        if (loss != DatabaseConnectionLoss.NONE) {
            log.warn("Database unreachable ({}): {}", loss, rootOf(ex).toString());
            return respond(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable", loss.detail(request.getMethod()),
                    request, Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        if (cause instanceof ConcurrencyException) {
            return respond(HttpStatus.CONFLICT, "concurrent_modification",
                    "The resource was changed concurrently; retry the request", request, null);
        }
        if (cause instanceof io.wework.platform.processing.ReadModelWriteException readModel) {
            log.error("A command failed because its inline read model could not be written", readModel);
            return respond(HttpStatus.INTERNAL_SERVER_ERROR, "read_model_write_failed", "The change was not saved: the "
                    + readModel.readModel() + " read model could not store it, so nothing was changed. Retrying will not "
                    + "help until an operator has looked at the server's log", request, null);
        }
        if (isDependencyFailure(cause)) {
            log.warn("Dependency unavailable: {}", cause.toString());
            return respond(HttpStatus.SERVICE_UNAVAILABLE, "dependency_unavailable",
                    "A backing service is unavailable; retry later", request,
                    Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        log.error("Unhandled error", ex);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal server error", request, null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", snake(e.getField()), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> snake(e.getField()) + ": " + e.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        if (detail.isEmpty()) {
            detail = ex.getBindingResult().getAllErrors().stream()
                    .map(e -> String.valueOf(e.getDefaultMessage())).collect(Collectors.joining("; "));
        }
        ProblemDetail body = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "validation_failed", detail);
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        String detail = ex.getAllErrors().stream().map(e -> String.valueOf(e.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        ProblemDetail body = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "validation_failed", detail);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.PayloadTooLargeException tooLarge) {
                ProblemDetail body = ProblemWriter.problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", tooLarge.getMessage());
                return handleExceptionInternal(ex, body, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof ControlCharacterJsonModule.RefusedTextException refused) {
            String field = path(refused);
            ProblemDetail body = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "invalid_characters", refused.detail(field));
            body.setProperty("field", field);
            return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
        }
        String code = "malformed_body";
        String detail = "The request body is not valid JSON";
        if (cause instanceof UnrecognizedPropertyException upe) {
            code = "unknown_field";
            detail = "Unknown field '" + upe.getPropertyName() + "'";
        } else if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            code = "invalid_field";
            String field = path((JsonMappingException) cause);
            detail = field.isEmpty() ? "The request body has the wrong shape" : "Field '" + field + "' has the wrong type";
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            detail = "A request body is required";
        }
        ProblemDetail body = ProblemWriter.problem(HttpStatus.BAD_REQUEST, code, detail);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Adds the stable {@code code} to the problems Spring MVC builds itself (405, 415, 404, ...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse errorResponse) {
            // Spring's own handlers pass no body and let the superclass build it: build it here, to add the code
            body = errorResponse.updateAndGetBody(getMessageSource(),
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
                HttpStatus status = HttpStatus.resolve(statusCode.value());
                String code = status == null ? "error" : status.name().toLowerCase();
                problem.setProperty("code", code);
                problem.setType(URI.create("https://wework.io/problems/" + code.replace('_', '-')));
            }
            if (problem.getDetail() == null) {
                problem.setDetail(problem.getTitle());
            }
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private ResponseEntity<Object> respond(HttpStatus status, String code, String detail, HttpServletRequest request,
                                           Map<String, String> extraHeaders) {
        ProblemDetail problem = ProblemWriter.problem(status, code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (extraHeaders != null) {
            extraHeaders.forEach(builder::header);
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.body(problem);
    }

    /** A problem whose {@code detail} is an object ({@link DomainException#structuredDetail()}), not text. */
    private static ResponseEntity<Object> respondStructured(HttpStatus status, String code, Map<String, Object> detail,
                                                            HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://wework.io/problems/" + code.replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        body.put("instance", request.getRequestURI());
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    public static HttpStatus statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case VALIDATION -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Digs the meaningful cause out of Axon's and the JDK's wrappers. */
    public static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current instanceof DomainException) {
                return current;
            }
            if (current instanceof CommandExecutionException cee && cee.getDetails().orElse(null) instanceof DomainException d) {
                return d;
            }
            if (current instanceof QueryExecutionException qee && qee.getDetails().orElse(null) instanceof DomainException d) {
                return d;
            }
            boolean wrapper = current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof CommandExecutionException || current instanceof QueryExecutionException
                    || current instanceof EventProcessingException;
            if (!wrapper || current.getCause() == null || current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        Throwable deep = current;
        for (int depth = 0; depth < 10 && deep != null; depth++) {
            if (deep instanceof DomainException) {
                return deep;
            }
            deep = deep.getCause();
        }
        return current;
    }

    private static boolean isDependencyFailure(Throwable t) {
        for (int depth = 0; depth < 10 && t != null; depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof QueryTimeoutException || t instanceof TransientDataAccessException
                    || t instanceof AxonTransientException || t instanceof NoHandlerForCommandException
                    || t instanceof TimeoutException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        for (int depth = 0; depth < 20 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        return root;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
