package io.wework.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says in the startup log which mode the service runs in and where its data is. */
@Component
class ModeReport {

    private static final Logger log = LoggerFactory.getLogger(ModeReport.class);

    private final ServiceMode mode;

    ModeReport(ServiceMode mode) {
        this.mode = mode;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("WeWork is ready in {} mode ({})", mode.mode(), mode.modeDescription());
    }
}
