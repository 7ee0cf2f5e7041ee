package dev.funnel.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, created only after the database is known to exist. */
@Configuration
class DatabaseConfig {

    @Bean
    DataSource dataSource(DataSourceProperties properties) {
        DatabaseBootstrap.ensureDatabaseExists(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword());
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
