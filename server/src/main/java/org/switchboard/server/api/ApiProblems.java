package org.switchboard.server.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every API error as RFC 9457 application/problem+json. Field errors carry an {@code errors} array of
 * {@code {field, detail}} so a client can put the message next to the input.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(fieldError(e.field(), e.getMessage())));
        }
        e.properties().forEach(problem::setProperty);
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> parameterType(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalid(e.getName(), "'" + e.getValue() + "' is not a valid value for " + e.getName()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request");
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> fieldError(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    /** A database constraint we did not check first: a conflict, never a 500 with SQL in it. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        logger.info("integrity violation: " + e.getMostSpecificCause().getMessage());
        return api(ApiException.conflict("the change conflicts with existing data (duplicate or still referenced)"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getFieldErrors().stream().map(f -> f.getField() + ": " + f.getDefaultMessage()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.getFieldErrors().stream().map(ApiProblems::fieldError).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem.setDetail("field " + field + ": " + json.getOriginalMessage());
            problem.setProperty("errors", List.of(fieldError(field, json.getOriginalMessage())));
        } else if (e.getCause() instanceof JacksonException json) {
            problem.setDetail("malformed JSON: " + json.getOriginalMessage());
        } else {
            problem.setDetail("the request body is missing or is not JSON");
        }
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.badRequest().body(problem);
    }

    private static Map<String, String> fieldError(FieldError f) {
        return fieldError(f.getField(), f.getDefaultMessage());
    }

    private static Map<String, String> fieldError(String field, String detail) {
        return Map.of("field", field, "detail", detail == null ? "invalid" : detail);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
