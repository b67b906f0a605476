package io.wework.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link ControlCharacters} to every query and form parameter (names and values) before
 * anything else reads them: 400 {@code invalid_characters} naming the parameter. (JSON bodies are
 * checked while Jackson reads them, {@link ControlCharacterJsonModule}.)
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public ControlCharacterFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            int refused = ControlCharacters.firstRefused(name);
            if (refused >= 0) {
                refuse(request, response, name, name, refused);
                return;
            }
            for (String value : parameter.getValue()) {
                refused = value == null ? -1 : ControlCharacters.firstRefused(value);
                if (refused >= 0) {
                    refuse(request, response, name, value, refused);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String name, String value, int index)
            throws IOException {
        problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_characters",
                ControlCharacters.detail(name, value, index), Map.<String, Object>of("field", name));
    }
}
