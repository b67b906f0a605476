package io.wework.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisKeyCommands;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.BoundKeyOperations;
import org.springframework.data.redis.core.BoundValueOperations;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

/**
 * A Redis counter is increased and given its expiry in one atomic step (a script, as
 * {@code RedisRateLimiter} does), never by an INCR followed by a separate EXPIRE: a crash or a lost
 * connection between the two leaves a counter that never expires, i.e. an account or an address
 * locked out for good. The rule is also run on a class that does it the old way, to show it bites.
 */
class RedisCounterRulesTest {

    private static final Set<String> COUNTING = Set.of("increment", "decrement", "incr", "incrBy", "decr", "decrBy");

    static final ArchRule noCounterGetsItsExpirySeparately = classes()
            .should(new ArchCondition<JavaClass>("not increase a Redis counter and set an expiry in separate calls") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    JavaMethodCall counting = null;
                    JavaMethodCall expiring = null;
                    for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                        JavaClass owner = call.getTargetOwner();
                        String name = call.getName();
                        if (COUNTING.contains(name) && (owner.isAssignableTo(ValueOperations.class)
                                || owner.isAssignableTo(BoundValueOperations.class) || owner.isAssignableTo(RedisStringCommands.class))) {
                            counting = call;
                        }
                        if (name.toLowerCase().startsWith("expire") || name.toLowerCase().startsWith("pexpire")) {
                            if (owner.isAssignableTo(RedisOperations.class) || owner.isAssignableTo(BoundKeyOperations.class)
                                    || owner.isAssignableTo(RedisKeyCommands.class)) {
                                expiring = call;
                            }
                        }
                    }
                    if (counting != null && expiring != null) {
                        events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " increases a counter ("
                                + counting.getDescription() + ") and sets an expiry separately (" + expiring.getDescription()
                                + "); use one script (RedisRateLimiter)"));
                    }
                }
            });

    @Test
    void noApplicationClassIncreasesACounterAndSetsItsExpirySeparately() {
        JavaClasses application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.wework");
        assertThat(application.size()).isGreaterThan(100);
        noCounterGetsItsExpirySeparately.check(application);
    }

    /** The pattern the rule exists for, as the login throttle and OTP service once had it. */
    static final class SeparateIncrementAndExpire {
        private final StringRedisTemplate redis;

        SeparateIncrementAndExpire(StringRedisTemplate redis) {
            this.redis = redis;
        }

        long increment(String key) {
            Long value = redis.opsForValue().increment(key);
            if (value != null && value == 1) {
                redis.expire(key, Duration.ofMinutes(15));
            }
            return value == null ? 0 : value;
        }
    }

    @Test
    void theRuleBitesOnAnIncrementFollowedByAnExpire() {
        EvaluationResult result = noCounterGetsItsExpirySeparately.evaluate(
                new ClassFileImporter().importClasses(SeparateIncrementAndExpire.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString().contains("increment", "expire");
    }
}
