package org.linedesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** LineDesk: ITIL incident management where every ticket is a Camunda process instance. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LineDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(LineDeskApplication.class, args);
    }
}
