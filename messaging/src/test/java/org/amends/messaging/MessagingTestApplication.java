package org.amends.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application the library's auto-configuration serves, for its own tests. */
@SpringBootApplication
class MessagingTestApplication {}
