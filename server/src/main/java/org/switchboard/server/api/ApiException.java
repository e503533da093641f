package org.switchboard.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the API reports as an RFC 9457 problem: the status, a short title, the detail, and, for a
 * bad field, which field.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String detail, String field) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** More members of the problem object, for a client to act on (an error code, the id of what conflicted). */
    public Map<String, Object> properties() {
        return properties;
    }

    public ApiException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public static ApiException invalid(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, field);
    }

    public static ApiException notFound(String what, long id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " " + id + " does not exist", null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail, null);
    }
}
