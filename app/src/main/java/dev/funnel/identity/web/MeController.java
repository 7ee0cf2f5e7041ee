package dev.funnel.identity.web;

import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity")
class MeController {

    private final UserService users;

    MeController(UserService users) {
        this.users = users;
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user: id, name, team and roles")
    UserSummary me() {
        return users.me();
    }
}
