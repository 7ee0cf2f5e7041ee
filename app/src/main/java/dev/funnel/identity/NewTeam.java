package dev.funnel.identity;

/** What an administrator enters to create a team. */
public record NewTeam(String name, Long parentId, Long managerId) {
}
