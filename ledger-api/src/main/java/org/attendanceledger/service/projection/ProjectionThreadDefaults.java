package org.attendanceledger.service.projection;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The projections' thread and segment counts default to the machine's core count, so catch-up and rebuild use every
 * core. A property file cannot ask the JVM for its core count, so the defaults are added here, behind every other
 * source: {@code ledger.projections.threads} and {@code ledger.projections.segments} set anywhere still win.
 */
public class ProjectionThreadDefaults implements EnvironmentPostProcessor {

    static final String THREADS = "ledger.projections.threads";
    static final String SEGMENTS = "ledger.projections.segments";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        int cores = Runtime.getRuntime().availableProcessors();
        environment.getPropertySources().addLast(new MapPropertySource("projectionThreadDefaults",
                Map.of(THREADS, cores, SEGMENTS, cores)));
    }
}
