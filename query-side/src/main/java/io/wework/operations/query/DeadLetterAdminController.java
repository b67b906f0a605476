package io.wework.operations.query;

import io.wework.common.api.DomainException;
import io.wework.platform.processing.DeadLetterAdmin;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints over the projections' dead letters: list, retry a processing group, delete one. */
@RestController
@RequestMapping("/api/admin/dead-letters")
public class DeadLetterAdminController {

    private final DeadLetterAdmin deadLetters;

    public DeadLetterAdminController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetterAdmin.DeadLetterView> deadLetters() {
        return deadLetters.list();
    }

    @PostMapping("/{group}/retry")
    public Map<String, Object> retry(@PathVariable("group") String group) {
        return Map.of("processing_group", group, "retried_sequences", deadLetters.retry(group));
    }

    @DeleteMapping("/{group}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("group") String group, @PathVariable("id") String id) {
        if (!deadLetters.delete(group, id)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "dead_letter_not_found", "No dead letter " + id);
        }
    }
}
