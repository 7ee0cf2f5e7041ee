package dev.funnel.home.web;

import dev.funnel.home.Home;
import dev.funnel.home.HomeService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The home page's figures for the caller. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Home")
class HomeController {

    private final HomeService home;

    HomeController(HomeService home) {
        this.home = home;
    }

    @GetMapping("/home")
    @Operation(summary = "The caller's home figures: tasks due and overdue, stalled deals, deals closing this month "
            + "and targets; for managers also the team funnel, stalled deals by rep, forecast and targets of the "
            + "quarter, and registrations waiting for them")
    Home home() {
        return home.home();
    }
}
