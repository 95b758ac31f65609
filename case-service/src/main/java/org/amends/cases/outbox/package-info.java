/** The transactional outbox: events written with the change that caused them, relayed to RabbitMQ with publisher confirms. */
@NullMarked
package org.amends.cases.outbox;

import org.jspecify.annotations.NullMarked;
