package io.wework.benchcrud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.envers.Audited;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alternative a team would otherwise pick, for the benchmark only: a plain Spring Data JPA CRUD
 * service whose users table is audited by Hibernate Envers (every change also writes a revision
 * row and a history row). Same operations as WeWork's: register (BCrypt, unique e-mail) and a
 * profile update.
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class CrudApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrudApplication.class, args);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    @Entity
    @Audited
    @Table(name = "crud_users")
    public static class CrudUser {
        @Id
        private String id;
        @Column(unique = true, nullable = false)
        private String email;
        @Column(name = "password_hash", nullable = false)
        private String passwordHash;
        @Column(name = "full_name")
        private String fullName;
        private String bio;
        private String role;
        @Column(name = "is_active")
        private boolean active;
        @Column(name = "created_at")
        private Instant createdAt;

        public String getId() { return id; }
        public String getEmail() { return email; }
        public String getFullName() { return fullName; }
        public String getBio() { return bio; }
        public String getRole() { return role; }
        public boolean isActive() { return active; }
    }

    public interface CrudUsers extends JpaRepository<CrudUser, String> {
        boolean existsByEmail(String email);
    }

    public record RegisterRequest(@NotBlank @Email String email, @NotBlank @Size(min = 8, max = 72) String password,
                                  String fullName) {
    }

    public record UpdateRequest(@Size(max = 1000) String bio, @Size(max = 200) String fullName) {
    }

    @RestController
    static class CrudController {
        private final CrudUsers users;
        private final PasswordEncoder encoder;

        CrudController(CrudUsers users, PasswordEncoder encoder) {
            this.users = users;
            this.encoder = encoder;
        }

        @PostMapping("/crud/users")
        @Transactional
        public ResponseEntity<Map<String, Object>> register(@Valid @RequestBody RegisterRequest request) {
            String email = request.email().trim().toLowerCase();
            if (users.existsByEmail(email)) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("detail", "email taken"));
            }
            CrudUser user = new CrudUser();
            user.id = UUID.randomUUID().toString();
            user.email = email;
            user.passwordHash = encoder.encode(request.password());
            user.fullName = request.fullName();
            user.role = "user";
            user.active = true;
            user.createdAt = Instant.now();
            users.save(user);
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", user.id, "email", user.email));
        }

        @PatchMapping("/crud/users/{id}")
        @Transactional
        public ResponseEntity<Map<String, Object>> update(@PathVariable String id, @Valid @RequestBody UpdateRequest request) {
            return users.findById(id).map(user -> {
                if (request.bio() != null) {
                    user.bio = request.bio();
                }
                if (request.fullName() != null) {
                    user.fullName = request.fullName();
                }
                return ResponseEntity.ok(Map.<String, Object>of("id", user.id, "bio", String.valueOf(user.bio)));
            }).orElse(ResponseEntity.notFound().build());
        }

        @ExceptionHandler(DataIntegrityViolationException.class)
        ResponseEntity<Map<String, Object>> conflict() {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("detail", "email taken"));
        }
    }
}
