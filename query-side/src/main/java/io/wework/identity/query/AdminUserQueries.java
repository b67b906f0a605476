package io.wework.identity.query;

import io.wework.identity.api.AdminUserView;
import io.wework.identity.api.FetchUserStatsQuery;
import io.wework.identity.api.FindTelegramSettingsQuery;
import io.wework.identity.api.FindUsersQuery;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.identity.api.UserPage;
import io.wework.identity.api.UserStatsView;
import io.wework.identity.projection.UserEntity;
import io.wework.identity.projection.UserViewRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Admin reads of {@code users_view}: the filtered listing and the users part of the stats. */
@Component
public class AdminUserQueries {

    private final EntityManager entityManager;
    private final UserViewRepository users;

    public AdminUserQueries(EntityManager entityManager, UserViewRepository users) {
        this.entityManager = entityManager;
        this.users = users;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public UserPage handle(FindUsersQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (query.search() != null && !query.search().isBlank()) {
            where.append(" AND (lower(u.email) LIKE :q ESCAPE '\\' OR u.phoneNumber LIKE :q ESCAPE '\\' OR lower(u.fullName) LIKE :q ESCAPE '\\'"
                    + " OR lower(u.username) LIKE :q ESCAPE '\\')");
            params.put("q", "%" + escape(query.search().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.active() != null) {
            where.append(" AND u.active = :active");
            params.put("active", query.active());
        }
        if (query.role() != null) {
            where.append(" AND u.role = :role");
            params.put("role", query.role());
        }
        TypedQuery<Long> count = entityManager.createQuery("SELECT count(u) FROM UserEntity u" + where, Long.class);
        TypedQuery<UserEntity> page = entityManager.createQuery(
                "SELECT u FROM UserEntity u" + where + " ORDER BY u.createdAt DESC, u.id DESC", UserEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            page.setParameter(k, v);
        });
        List<AdminUserView> items = page.setFirstResult(query.skip()).setMaxResults(query.limit()).getResultList().stream()
                .map(AdminUserQueries::toView).toList();
        return new UserPage(count.getSingleResult(), items);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public UserStatsView handle(FetchUserStatsQuery query) {
        Object[] row = entityManager.createQuery("SELECT count(u), "
                + "coalesce(sum(CASE WHEN u.active = true THEN 1 ELSE 0 END), 0), "
                + "coalesce(sum(CASE WHEN u.role IN (:admin, :super) THEN 1 ELSE 0 END), 0) FROM UserEntity u", Object[].class)
                .setParameter("admin", Role.ADMIN).setParameter("super", Role.SUPER_ADMIN)
                .getSingleResult();
        return new UserStatsView(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    @QueryHandler
    public TelegramSettingsView handle(FindTelegramSettingsQuery query) {
        return users.findById(query.userId())
                .map(u -> new TelegramSettingsView(u.isTelegramEnabled(), u.getTelegramBotToken(), u.getTelegramChatId()))
                .orElse(new TelegramSettingsView(false, null, null));
    }

    private static AdminUserView toView(UserEntity u) {
        return new AdminUserView(u.getId(), u.getEmail(), u.getPhoneNumber(), u.getFullName(), u.getUsername(), u.getBio(),
                u.getAvatar(), RoleView.of(u.getRole()), u.isActive(), u.getCreatedAt());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
