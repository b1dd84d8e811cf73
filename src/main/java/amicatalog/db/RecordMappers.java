package amicatalog.db;

import java.lang.reflect.Type;
import java.util.Optional;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Every record maps from the columns named as its components (records compile with
 * -parameters), registered once for the store: a query says {@code mapTo(Entry.class)}.
 */
final class RecordMappers implements RowMapperFactory {
  @Override
  public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
    Class<?> raw = GenericTypes.getErasedType(type);
    return raw.isRecord() ? Optional.of(ConstructorMapper.of(raw)) : Optional.empty();
  }
}
