package io.wework.platform.web.openapi;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * What the code cannot tell springdoc, written by each feature next to its code as an OpenAPI
 * fragment on the classpath ({@code openapi/*.yaml}, with {@code paths} only): the error statuses
 * its use cases answer (with the stable codes), and examples. A fragment only adds to operations
 * the application serves: one that names an unknown path, method or media type, or a success
 * status the handler does not answer, makes the document fail to build (and the test with it),
 * instead of drifting.
 */
class OpenApiFragments {

    static final String LOCATION = "classpath*:openapi/*.yaml";

    private final ResourcePatternResolver resources;
    private final String location;

    OpenApiFragments(ResourceLoader loader) {
        this(loader, LOCATION);
    }

    OpenApiFragments(ResourceLoader loader, String location) {
        this.resources = ResourcePatternUtils.getResourcePatternResolver(loader);
        this.location = location;
    }

    void merge(OpenAPI api) {
        try {
            for (Resource resource : resources.getResources(location)) {
                OpenAPI fragment;
                try (InputStream in = resource.getInputStream()) {
                    fragment = Yaml.mapper().readValue(in, OpenAPI.class);
                }
                if (fragment.getPaths() != null) {
                    fragment.getPaths().forEach((path, item) -> mergePath(api, path, item, resource.getFilename()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI fragments " + location, e);
        }
    }

    private static void mergePath(OpenAPI api, String path, PathItem item, String source) {
        PathItem target = api.getPaths() == null ? null : api.getPaths().get(path);
        if (target == null) {
            throw new IllegalStateException(source + " describes " + path + ", which the application does not serve");
        }
        Map<PathItem.HttpMethod, Operation> served = target.readOperationsMap();
        item.readOperationsMap().forEach((method, operation) -> {
            Operation into = served.get(method);
            if (into == null) {
                throw new IllegalStateException(source + " describes " + method + " " + path + ", which the application does not serve");
            }
            mergeOperation(into, operation, source + ": " + method + " " + path);
        });
    }

    private static void mergeOperation(Operation into, Operation from, String where) {
        if (from.getSummary() != null) {
            into.setSummary(from.getSummary());
        }
        if (from.getDescription() != null) {
            into.setDescription(from.getDescription());
        }
        if (from.getRequestBody() != null && from.getRequestBody().getContent() != null) {
            if (into.getRequestBody() == null || into.getRequestBody().getContent() == null) {
                throw new IllegalStateException(where + " has no request body");
            }
            mergeContent(into.getRequestBody().getContent(), from.getRequestBody().getContent(), false, where + " request body");
        }
        if (from.getResponses() == null) {
            return;
        }
        from.getResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            ApiResponse existing = into.getResponses() == null ? null : into.getResponses().get(status);
            if (existing == null) {
                if (!error) {
                    throw new IllegalStateException(where + " answers no " + status);
                }
                ProblemResponses.declare(into, status, response.getDescription());
                existing = into.getResponses().get(status);
            } else if (response.getDescription() != null) {
                existing.setDescription(response.getDescription());
            }
            if (response.getContent() != null) {
                if (existing.getContent() == null) {
                    existing.setContent(new Content());
                }
                mergeContent(existing.getContent(), response.getContent(), error, where + " " + status);
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach(existing::addHeaderObject);
            }
        });
    }

    private static void mergeContent(Content into, Content from, boolean mayAdd, String where) {
        from.forEach((mediaType, given) -> {
            MediaType target = into.get(mediaType);
            if (target == null) {
                if (!mayAdd) {
                    throw new IllegalStateException(where + " has no " + mediaType + " content");
                }
                target = new MediaType();
                into.addMediaType(mediaType, target);
            }
            if (given.getSchema() != null && target.getSchema() == null) {
                target.setSchema(given.getSchema());
            }
            if (given.getExample() != null) {
                target.setExample(given.getExample());
            }
            if (given.getExamples() != null) {
                given.getExamples().forEach(target::addExamples);
            }
        });
    }
}
