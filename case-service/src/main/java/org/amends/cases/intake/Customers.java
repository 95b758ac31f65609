package org.amends.cases.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
     * {@code ON CONFLICT DO NOTHING} makes two concurrent first cases agree on one id. One statement when the first
     * contact is new (it claims the contacts and returns their id); when it is known, or a concurrent first case claimed
     * it meanwhile, a second reads it back.
     */
    UUID idOf(Customer customer) {
        var contacts = contacts(customer);
        var first = contacts.getFirst();
        var claimed = jdbc
                .sql("""
                        INSERT INTO customers (contact, customer_id)
                        SELECT c.contact, coalesce(
                            (SELECT customer_id FROM customers WHERE contact IN (:contacts) ORDER BY contact LIMIT 1),
                            :candidate)
                        FROM unnest(CAST(:claims AS text[])) AS c (contact)
                        ON CONFLICT (contact) DO NOTHING
                        RETURNING contact, customer_id""")
                .param("contacts", contacts)
                .param("candidate", UUID.randomUUID())
                .param("claims", contacts.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("contact"), rs.getObject("customer_id", UUID.class)))
                .list()
                .stream()
                .filter(row -> row.getKey().equals(first))
                .map(Map.Entry::getValue)
                .findFirst();
        return claimed.orElseGet(() -> jdbc.sql("SELECT customer_id FROM customers WHERE contact = ?")
                .param(first)
                .query(UUID.class)
                .single());
    }

    /**
     * The ids of many customers at once, in their order, by the same rule as {@link #idOf} in three statements: the
     * contacts already known, the new ones claimed in one {@code INSERT ... ON CONFLICT DO NOTHING}, and all read
     * back. Customers of one batch that share a contact share an id.
     */
    List<UUID> idsOf(List<Customer> all) {
        var contactsOf = all.stream().map(Customers::contacts).toList();
        var every = contactsOf.stream().flatMap(List::stream).distinct().toArray(String[]::new);
        var known = new HashMap<String, UUID>();
        jdbc.sql("SELECT contact, customer_id FROM customers WHERE contact = ANY (?)")
                .param(every)
                .query((rs, n) -> known.put(rs.getString("contact"), rs.getObject("customer_id", UUID.class)))
                .list();
        var claims = new LinkedHashMap<String, UUID>();
        for (var contacts : contactsOf) {
            // As idOf: the id of the first known contact in contact order, else the id this batch already gave one
            // of them, else a new one.
            var candidate = contacts.stream()
                    .sorted()
                    .map(known::get)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .or(() -> contacts.stream()
                            .map(claims::get)
                            .filter(Objects::nonNull)
                            .findFirst())
                    .orElseGet(UUID::randomUUID);
            for (var contact : contacts) {
                if (!known.containsKey(contact)) {
                    claims.putIfAbsent(contact, candidate);
                }
            }
        }
        if (!claims.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO customers (contact, customer_id)
                            SELECT * FROM unnest(?::text[], ?::uuid[]) ON CONFLICT (contact) DO NOTHING""")
                    .params(
                            claims.keySet().toArray(String[]::new),
                            claims.values().stream().map(UUID::toString).toArray(String[]::new))
                    .update();
        }
        var ids = new HashMap<String, UUID>();
        jdbc.sql("SELECT contact, customer_id FROM customers WHERE contact = ANY (?)")
                .param(contactsOf.stream().map(List::getFirst).distinct().toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString("contact"), rs.getObject("customer_id", UUID.class)))
                .list();
        return contactsOf.stream().map(c -> ids.get(c.getFirst())).toList();
    }

    private static List<String> contacts(Customer customer) {
        var contacts = new ArrayList<String>(2);
        if (customer.email() != null) {
            contacts.add("email:" + customer.email().strip().toLowerCase(Locale.ROOT));
        }
        if (customer.phone() != null) {
            contacts.add("phone:" + customer.phone().replaceAll("[^0-9+]", ""));
        }
        return contacts;
    }
}
