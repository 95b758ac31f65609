package org.amends.remedies;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts remedy-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RemedyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RemedyServiceApplication.class, args);
    }
}
