package dev.funnel.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, created only after the database is known to exist. */
@Configuration
class DatabaseConfig {

    /** Binds spring.datasource.hikari.* (FUNNEL_DB_POOL_SIZE among them) as Boot's own pool would. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        DatabaseBootstrap.ensureDatabaseExists(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword());
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
