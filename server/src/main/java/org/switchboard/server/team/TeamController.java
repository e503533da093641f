package org.switchboard.server.team;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.UserRepository;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Teams and stages")
public class TeamController {
    private final TeamRepository teams;
    private final UserRepository users;

    public TeamController(TeamRepository teams, UserRepository users) {
        this.teams = teams;
        this.users = users;
    }

    public record NewTeam(@NotBlank @Size(max = 128) String name, Long leaderId, List<Long> memberIds) {
    }

    public record NewStage(Long teamId, @NotBlank @Size(max = 64) String name, @NotNull Integer sequence,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal probability) {
    }

    @GetMapping("/teams")
    public List<Team> teams() {
        return teams.findAll();
    }

    @GetMapping("/teams/{id}")
    public Team team(@PathVariable long id) {
        return teams.find(id).orElseThrow(() -> ApiException.notFound("team", id));
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    public Team create(@Valid @RequestBody NewTeam team, @AuthenticationPrincipal SwitchboardUser actor) {
        requireManager(actor);
        List<Long> members = team.memberIds() == null ? List.of() : team.memberIds();
        if (team.leaderId() != null && users.find(team.leaderId()).isEmpty()) {
            throw ApiException.invalid("leaderId", "user " + team.leaderId() + " does not exist");
        }
        for (Long member : members) {
            if (users.find(member).isEmpty()) {
                throw ApiException.invalid("memberIds", "user " + member + " does not exist");
            }
        }
        return team(teams.insert(team.name().trim(), team.leaderId(), members));
    }

    @GetMapping("/stages")
    public List<Stage> stages(@RequestParam(required = false) Long teamId) {
        return teams.stages().stream().filter(s -> teamId == null || s.usableBy(teamId)).toList();
    }

    @PostMapping("/stages")
    @ResponseStatus(HttpStatus.CREATED)
    public Stage createStage(@Valid @RequestBody NewStage stage, @AuthenticationPrincipal SwitchboardUser actor) {
        requireManager(actor);
        if (stage.teamId() != null && teams.find(stage.teamId()).isEmpty()) {
            throw ApiException.invalid("teamId", "team " + stage.teamId() + " does not exist");
        }
        long id = teams.insertStage(stage.teamId(), stage.name().trim(), stage.sequence(), stage.probability());
        return teams.stage(id).orElseThrow();
    }

    private static void requireManager(SwitchboardUser actor) {
        if (!actor.role().assignsAnyCase()) {
            throw ApiException.forbidden("only an administrator or a sales manager configures teams and stages");
        }
    }
}
