package io.wework.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import io.wework.platform.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <jwt>}: a valid signature, then the account's current
 * state ({@link AccessTokenGuard}). An invalid token leaves the request
 * anonymous and records why, so protected endpoints answer 401 with the reason while public ones
 * (the landing page's plan list, say) still work for a browser holding a stale token.
 */
public class JwtAuthenticationFilter extends OncePerRequestFilter {

    public static final String FAILURE_ATTRIBUTE = JwtAuthenticationFilter.class.getName() + ".failure";

    private final JwtService jwtService;
    private final AccessTokenGuard guard;
    private final ProblemWriter problems;

    public JwtAuthenticationFilter(JwtService jwtService, AccessTokenGuard guard, ProblemWriter problems) {
        this.jwtService = jwtService;
        this.guard = guard;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            try {
                AuthenticatedUser user = jwtService.verify(token);
                Optional<String> refusal = guard == null ? Optional.empty() : guard.refusal(user);
                if (refusal.isPresent()) {
                    throw new JwtService.InvalidTokenException(refusal.get());
                }
                List<SimpleGrantedAuthority> authorities = user.authorities().stream().sorted()
                        .map(SimpleGrantedAuthority::new).toList();
                var authentication = new UsernamePasswordAuthenticationToken(user, null, authorities);
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication);
                SecurityContextHolder.setContext(context);
            } catch (JwtService.InvalidTokenException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e.getMessage());
            } catch (AccessTokenGuard.Unavailable e) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "dependency_unavailable",
                        "Authentication is unavailable right now; retry later");
                return;
            } catch (RuntimeException e) {
                // the guard read the session from PostgreSQL (not in Redis) and PostgreSQL is unreachable:
                // outside the DispatcherServlet, so ProblemHandler would not see it (a 500 from /error)
                io.wework.platform.web.DatabaseConnectionLoss loss = io.wework.platform.web.DatabaseConnectionLoss.of(e);
                if (loss == io.wework.platform.web.DatabaseConnectionLoss.NONE) {
                    throw e;
                }
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                        "Authentication is unavailable right now: the database is unreachable; retry later");
                return;
            }
        } else if (header != null) {
            request.setAttribute(FAILURE_ATTRIBUTE, "Authorization header must be 'Bearer <token>'");
        }
        chain.doFilter(request, response);
    }
}
