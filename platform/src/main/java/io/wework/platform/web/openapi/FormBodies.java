package io.wework.platform.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.Arrays;
import java.util.Iterator;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * A handler that consumes {@code application/x-www-form-urlencoded} into a
 * {@code @ModelAttribute} object reads it from the request body, but springdoc lists that object
 * as a query parameter: it becomes the operation's form request body instead.
 */
class FormBodies implements OperationCustomizer {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || Arrays.stream(mapping.consumes())
                .noneMatch(c -> MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(c)))) {
            return operation;
        }
        String[] names = NAMES.getParameterNames(handler.getMethod());
        for (MethodParameter parameter : handler.getMethodParameters()) {
            ModelAttribute attribute = parameter.getParameterAnnotation(ModelAttribute.class);
            if (attribute == null || operation.getParameters() == null) {
                continue;
            }
            String name = !attribute.name().isEmpty() ? attribute.name()
                    : names != null ? names[parameter.getParameterIndex()] : null;
            for (Iterator<Parameter> it = operation.getParameters().iterator(); it.hasNext(); ) {
                Parameter listed = it.next();
                if ("query".equals(listed.getIn()) && listed.getName().equals(name)) {
                    it.remove();
                    if (operation.getRequestBody() == null) {
                        operation.setRequestBody(new RequestBody().required(true));
                    }
                    if (operation.getRequestBody().getContent() == null) {
                        operation.getRequestBody().setContent(new Content());
                    }
                    operation.getRequestBody().getContent().addMediaType(MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            new io.swagger.v3.oas.models.media.MediaType().schema(listed.getSchema()));
                }
            }
        }
        if (operation.getParameters() != null && operation.getParameters().isEmpty()) {
            operation.setParameters(null);
        }
        return operation;
    }
}
