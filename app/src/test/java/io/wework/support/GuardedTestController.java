package io.wework.support;

import io.wework.identity.api.RequireProfile;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoint showing the reusable profile guard at work. */
@RestController
public class GuardedTestController {

    @GetMapping("/test/needs-full-profile")
    @RequireProfile({"full_name", "username"})
    public Map<String, Object> guarded() {
        return Map.of("ok", true);
    }
}
