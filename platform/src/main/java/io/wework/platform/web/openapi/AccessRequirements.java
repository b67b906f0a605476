package io.wework.platform.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Security requirements read from the security filter chain itself, not listed a second time: for
 * each operation, the chain's authorization rules are asked whether an anonymous caller may call it
 * (then it is public), and whether any authenticated caller may (else only some roles may: 403).
 * Every other operation needs {@code Authorization: Bearer <access token>} and may answer 401.
 */
class AccessRequirements {

    static final String BEARER = "bearerAuth";

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("openapi",
            "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    /** Authenticated, but holding no role at all. */
    private static final Authentication ANY_USER = UsernamePasswordAuthenticationToken.authenticated(
            "openapi-probe", null, List.of());

    private final WebInvocationPrivilegeEvaluator rules;

    AccessRequirements(WebInvocationPrivilegeEvaluator rules) {
        this.rules = rules;
    }

    void apply(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("The access token from login, login-otp or refresh: `Authorization: Bearer <access_token>`"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            String probe = path.replaceAll("\\{[^}/]+}", "x");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                String method = entry.getKey().name();
                Operation operation = entry.getValue();
                if (rules.isAllowed("", probe, method, ANONYMOUS)) {
                    operation.setSecurity(null);
                    continue;
                }
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                ProblemResponses.declare(operation, "401",
                        "No valid access token (`not_authenticated`, `invalid_token`: missing, expired, revoked or "
                                + "issued before the account changed)");
                if (!rules.isAllowed("", probe, method, ANY_USER)) {
                    ProblemResponses.declare(operation, "403", "The caller's role may not use this operation (`forbidden`)");
                }
            }
        });
    }
}
