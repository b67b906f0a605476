package io.wework.platform.processing;

import io.wework.common.api.DomainException;
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

/** Admin endpoints over the event processors: state, replay, dead letters. */
@RestController
@RequestMapping("/api/admin")
public class ProjectionAdminController {

    private final ProjectionAdmin projections;
    private final DeadLetterAdmin deadLetters;

    public ProjectionAdminController(ProjectionAdmin projections, DeadLetterAdmin deadLetters) {
        this.projections = projections;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/projections")
    public List<ProjectionAdmin.ProcessorView> projections() {
        return projections.all();
    }

    @GetMapping("/projections/{name}")
    public ProjectionAdmin.ProcessorView projection(@PathVariable("name") String name) {
        return projections.one(name).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "projection_not_found", "No projection named " + name));
    }

    @PostMapping("/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionAdmin.ProcessorView replay(@PathVariable("name") String name) {
        return projections.replay(name);
    }

    @GetMapping("/dead-letters")
    public List<DeadLetterAdmin.DeadLetterView> deadLetters() {
        return deadLetters.list();
    }

    @PostMapping("/dead-letters/{group}/retry")
    public Map<String, Object> retry(@PathVariable("group") String group) {
        return Map.of("processing_group", group, "retried_sequences", deadLetters.retry(group));
    }

    @DeleteMapping("/dead-letters/{group}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("group") String group, @PathVariable("id") String id) {
        if (!deadLetters.delete(group, id)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "dead_letter_not_found", "No dead letter " + id);
        }
    }
}
