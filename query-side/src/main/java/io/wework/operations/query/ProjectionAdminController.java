package io.wework.operations.query;

import io.wework.common.api.DomainException;
import io.wework.platform.processing.ProjectionAdmin;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints over the event processors: their state and the replay of one projection. */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {

    private final ProjectionAdmin projections;

    public ProjectionAdminController(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @GetMapping
    public List<ProjectionAdmin.ProcessorView> projections() {
        return projections.all();
    }

    @GetMapping("/{name}")
    public ProjectionAdmin.ProcessorView projection(@PathVariable("name") String name) {
        return projections.one(name).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "projection_not_found", "No projection named " + name));
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionAdmin.ProcessorView replay(@PathVariable("name") String name) {
        return projections.replay(name);
    }
}
