package amicatalog.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose catalogs come from {@link TestStores}: the build runs it once on SQLite with
 * every other test, and once more on PostgreSQL (the pom's second surefire execution, which runs
 * the classes tagged "stores" with {@code amicatalog.test.store=postgresql}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("stores")
public @interface OnBothStores {}
