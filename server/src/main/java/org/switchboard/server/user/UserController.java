package org.switchboard.server.user;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
public class UserController {
    private final UserRepository users;
    private final PasswordEncoder encoder;

    public UserController(UserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    public record NewUser(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
            @NotBlank @Size(max = 128) String displayName, @Email @Size(max = 254) String email, @NotNull Role role,
            @Pattern(regexp = "#[0-9a-fA-F]{6}") String color, @NotBlank @Size(min = 10, max = 200) String password) {
    }

    @GetMapping
    public List<User> list() {
        return users.findAll();
    }

    @GetMapping("/me")
    public User me(@AuthenticationPrincipal SwitchboardUser actor) {
        return users.find(actor.id()).orElseThrow();
    }

    @GetMapping("/{id}")
    public User get(@PathVariable long id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("user", id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public User create(@Valid @RequestBody NewUser user, @AuthenticationPrincipal SwitchboardUser actor) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden("only an administrator creates users");
        }
        if (users.findByUsername(user.username()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "username " + user.username() + " is taken", "username");
        }
        long id = users.insert(user.username(), user.displayName().trim(), user.email(), user.role(),
                user.color() == null ? UserColors.next(users.count()) : user.color(), encoder.encode(user.password()));
        return users.find(id).orElseThrow();
    }
}
