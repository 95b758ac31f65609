package org.amends.cases.intake;

import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import org.amends.cases.lifecycle.model.Customer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pseudonymous customer ids: the same email or phone always maps to the same id, so other services can count a
 * customer's cases without ever holding their contact details.
 */
@Repository
class Customers {

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customer's id: the one already known for any of their contacts, else a new one. Claiming contacts with
     * {@code ON CONFLICT DO NOTHING} and reading back makes two concurrent first cases agree on one id.
     */
    UUID idOf(Customer customer) {
        var contacts = new ArrayList<String>();
        if (customer.email() != null) {
            contacts.add("email:" + customer.email().strip().toLowerCase(Locale.ROOT));
        }
        if (customer.phone() != null) {
            contacts.add("phone:" + customer.phone().replaceAll("[^0-9+]", ""));
        }
        var known = jdbc.sql("SELECT customer_id FROM customers WHERE contact IN (:contacts) ORDER BY contact LIMIT 1")
                .param("contacts", contacts)
                .query(UUID.class)
                .optional();
        var candidate = known.orElseGet(UUID::randomUUID);
        for (var contact : contacts) {
            jdbc.sql("INSERT INTO customers (contact, customer_id) VALUES (?, ?) ON CONFLICT (contact) DO NOTHING")
                    .params(contact, candidate)
                    .update();
        }
        return jdbc.sql("SELECT customer_id FROM customers WHERE contact = ?")
                .param(contacts.getFirst())
                .query(UUID.class)
                .single();
    }
}
