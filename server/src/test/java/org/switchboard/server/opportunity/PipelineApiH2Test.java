package org.switchboard.server.opportunity;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The pipeline API on the embedded H2 default. */
class PipelineApiH2Test extends PipelineApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
