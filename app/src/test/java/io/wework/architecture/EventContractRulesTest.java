package io.wework.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.wework.common.api.PublicEvent;
import io.wework.platform.events.EventContract;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * The event contract (README, "Event contract"): every event has a public name of the form
 * {@code entity.action}, unique, and the names and secret fields of the existing events stay what the
 * feed, the audit trail and the history have always shown.
 *
 * <p>An event is any class of ours that (a) lives in an {@code ..api..} package and is named
 * {@code …Event}, (b) carries a serializer {@code @Revision}, or (c) is the payload of an
 * {@code @EventHandler} / {@code @EventSourcingHandler} / {@code @SagaEventHandler}: whichever way
 * a new event enters the code, it is caught.
 */
class EventContractRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wework");

    /** {@code entity.action}: lower-case words joined by {@code _}, at least two parts joined by dots. */
    private static final String PUBLIC_NAME = "[a-z][a-z0-9]*(_[a-z0-9]+)*(\\.[a-z][a-z0-9]*(_[a-z0-9]+)*)+";

    static Set<JavaClass> events() {
        Set<JavaClass> events = new TreeSet<>(Comparator.comparing(JavaClass::getName));
        for (JavaClass type : CLASSES) {
            if (inSharedApi(type) && type.getSimpleName().endsWith("Event") && !type.isAnnotation()) {
                events.add(type);
            }
            if (type.isAnnotatedWith(Revision.class) && inSharedApi(type)) {
                events.add(type);
            }
            for (JavaMethod method : type.getMethods()) {
                handledPayload(method).filter(payload -> payload.getPackageName().startsWith("io.wework"))
                        .ifPresent(events::add);
            }
        }
        return events;
    }

    /** Messages live in shared-api ({@code io.wework.<feature>.api}); elsewhere {@code @Revision} may mark a saga or snapshot. */
    private static boolean inSharedApi(JavaClass type) {
        return type.getPackageName().matches("io\\.wework\\.(.+\\.)?api(\\..+)?");
    }

    private static Optional<JavaClass> handledPayload(JavaMethod method) {
        Optional<JavaAnnotation<JavaMethod>> handler = method.getAnnotations().stream()
                .filter(a -> a.getRawType().isEquivalentTo(EventHandler.class) || a.getRawType().isMetaAnnotatedWith(EventHandler.class))
                .findFirst();
        if (handler.isEmpty()) {
            return Optional.empty();
        }
        Optional<JavaClass> declared = handler.get().get("payloadType").map(JavaClass.class::cast)
                .filter(type -> !type.isEquivalentTo(Object.class));
        if (declared.isPresent()) {
            return declared;
        }
        return method.getRawParameterTypes().isEmpty() ? Optional.empty() : Optional.of(method.getRawParameterTypes().get(0));
    }

    @Test
    void theScanFindsTheEvents() {
        assertThat(events()).extracting(JavaClass::getSimpleName).containsAll(EXISTING_NAMES.keySet());
    }

    @Test
    void everyEventHasAPublicNameOfTheFormEntityAction() {
        List<String> problems = new ArrayList<>();
        for (JavaClass event : events()) {
            if (!event.isAnnotatedWith(PublicEvent.class)) {
                problems.add(event.getName() + " is used as an event but has no @PublicEvent(\"entity.action\")");
            } else if (!EventContract.publicName(event.reflect()).matches(PUBLIC_NAME)) {
                problems.add(event.getName() + " is named \"" + EventContract.publicName(event.reflect())
                        + "\", not entity.action in lower case");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void publicNamesAreUnique() {
        Map<String, Set<String>> classesByName = events().stream().filter(e -> e.isAnnotatedWith(PublicEvent.class))
                .collect(Collectors.groupingBy(e -> EventContract.publicName(e.reflect()),
                        Collectors.mapping(JavaClass::getName, Collectors.toSet())));
        assertThat(classesByName).allSatisfy((name, classes) ->
                assertThat(classes).as("classes named %s", name).hasSize(1));
    }

    @Test
    void onlyEventsOfSharedApiHaveAPublicName() {
        List<String> problems = new ArrayList<>();
        for (JavaClass named : CLASSES.that(CanBeAnnotated.Predicates.annotatedWith(PublicEvent.class))) {
            if (!inSharedApi(named)) {
                problems.add(named.getName() + " is not in shared-api (an ..api.. package)");
            }
            if (!named.getSimpleName().endsWith("Event")) {
                problems.add(named.getName() + ": an event's class name ends with Event");
            }
            if (!named.isAnnotatedWith(Revision.class)) {
                problems.add(named.getName() + " has no @Revision");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The events that existed when the contract was written, with the names the feed, audit rows and history used. */
    private static final Map<String, String> EXISTING_NAMES = Map.ofEntries(
            Map.entry("PasswordChangedEvent", "password.changed"),
            Map.entry("SessionRefreshedEvent", "session.refreshed"),
            Map.entry("SessionRevokedEvent", "session.revoked"),
            Map.entry("SessionStartedEvent", "session.started"),
            Map.entry("TelegramSettingsChangedEvent", "telegram.settings_changed"),
            Map.entry("UserActivatedEvent", "user.activated"),
            Map.entry("UserDeactivatedEvent", "user.deactivated"),
            Map.entry("UserEmailChangedEvent", "user.email_changed"),
            Map.entry("UserLockedOutEvent", "user.locked_out"),
            Map.entry("UserLoggedInEvent", "user.logged_in"),
            Map.entry("UserPhoneChangedEvent", "user.phone_changed"),
            Map.entry("UserProfileUpdatedEvent", "user.profile_updated"),
            Map.entry("UserRegisteredEvent", "user.registered"),
            Map.entry("UserRoleChangedEvent", "user.role_changed"),
            Map.entry("UserUnlockedEvent", "user.unlocked"),
            Map.entry("UsernameSetEvent", "username.set"));

    /** Their secret fields: masked in the audit trail, left out of the feed and the history (the others show everything). */
    private static final Map<String, Set<String>> EXISTING_SECRETS = Map.of(
            "PasswordChangedEvent", Set.of("passwordHash"),
            "SessionRefreshedEvent", Set.of("previousRefreshTokenHash", "refreshTokenHash"),
            "SessionRevokedEvent", Set.of("accessTokenId", "accessTokenExpiresAt"),
            "SessionStartedEvent", Set.of("refreshTokenHash"),
            "TelegramSettingsChangedEvent", Set.of("encryptedBotToken"),
            "UserRegisteredEvent", Set.of("passwordHash"));

    /** Public names and secret fields are an API (feed, audit rows, history): those of the existing events never drift. */
    @Test
    void existingEventsKeepTheirNamesAndSecretFields() throws ClassNotFoundException {
        for (Map.Entry<String, String> existing : EXISTING_NAMES.entrySet()) {
            Class<?> type = Class.forName("io.wework.identity.api." + existing.getKey());
            assertThat(EventContract.publicName(type)).as("public name of %s", existing.getKey()).isEqualTo(existing.getValue());
            assertThat(EventContract.sensitiveFields(type)).as("sensitive fields of %s", existing.getKey())
                    .containsExactlyInAnyOrderElementsOf(EXISTING_SECRETS.getOrDefault(existing.getKey(), Set.of()));
        }
    }
}
