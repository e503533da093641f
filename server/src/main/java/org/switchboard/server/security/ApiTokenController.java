package org.switchboard.server.security;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;

/** A user's own API tokens: create (the secret is returned once), list, revoke. */
@RestController
@RequestMapping("/api/v1/users/me/tokens")
@Tag(name = "API tokens")
public class ApiTokenController {
    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record NewToken(@NotBlank @Size(max = 100) String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ApiTokens.IssuedToken create(@Valid @RequestBody NewToken request, @AuthenticationPrincipal SwitchboardUser actor) {
        return tokens.issue(actor.id(), request.name().trim(), ApiTokens.FULL_SCOPE);
    }

    @GetMapping
    public List<ApiTokens.TokenInfo> list(@AuthenticationPrincipal SwitchboardUser actor) {
        return tokens.list(actor.id());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(@PathVariable long id, @AuthenticationPrincipal SwitchboardUser actor) {
        if (!tokens.revoke(actor.id(), id)) {
            throw ApiException.notFound("token", id);
        }
    }
}
