package org.amends.remedies.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The versions of the policy catalogue; the highest one is in force. */
@Repository
public class RemedyPolicies {

    private final JdbcClient jdbc;
    private final Map<Integer, RemedyPolicy> versions = new ConcurrentHashMap<>();

    RemedyPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The version in force. A version's rules never change once stored (an edit stores the next version), so each
     * version's rules are read once per process; only which version is in force is asked every time (it used to read
     * all the rules again for every case opened).
     */
    public RemedyPolicy current() {
        var version = jdbc.sql("""
                        SELECT version, created_by, created_at FROM policy_versions ORDER BY version DESC LIMIT 1""").query(Version.class).single();
        return versions.computeIfAbsent(version.version(), number -> policy(version));
    }

    private record Version(int version, String createdBy, Instant createdAt) {}

    private RemedyPolicy policy(Version version) {
        return new RemedyPolicy(version.version(), version.createdBy(), version.createdAt(), rules(version.version()));
    }

    private List<PolicyRule> rules(int version) {
        return jdbc.sql("""
                        SELECT error_kind, severity, remedy_type, min_minor, max_minor, suggested_minor, currency
                        FROM policy_rules WHERE version = ? ORDER BY error_kind, severity, remedy_type""")
                .param(version)
                .query((rs, row) -> {
                    var currency = rs.getString("currency");
                    return new PolicyRule(
                            rs.getString("error_kind"),
                            rs.getString("severity"),
                            RemedyType.valueOf(rs.getString("remedy_type")),
                            Money.of(rs.getLong("min_minor"), currency),
                            Money.of(rs.getLong("max_minor"), currency),
                            Money.of(rs.getLong("suggested_minor"), currency));
                })
                .list();
    }

    /** Stores the rules as the next version; the lock makes two concurrent edits two versions, not one clash. */
    @Transactional
    public RemedyPolicy replace(List<PolicyRule> rules, String by) {
        jdbc.sql("LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE").update();
        int next = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM policy_versions")
                .query(Integer.class)
                .single();
        jdbc.sql("INSERT INTO policy_versions (version, created_by) VALUES (?, ?)")
                .params(next, by)
                .update();
        for (var rule : rules) {
            jdbc.sql("""
                            INSERT INTO policy_rules
                                (version, error_kind, severity, remedy_type, min_minor, max_minor, suggested_minor, currency)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            next,
                            rule.errorKind(),
                            rule.severity(),
                            rule.remedyType().name(),
                            rule.min().minorUnits(),
                            rule.max().minorUnits(),
                            rule.suggested().minorUnits(),
                            rule.suggested().currencyCode())
                    .update();
        }
        // Not remembered yet: this transaction may still roll back, and another edit then store different rules
        // under the same number. The first current() after the commit remembers it.
        return policy(jdbc.sql("SELECT version, created_by, created_at FROM policy_versions WHERE version = ?")
                .param(next)
                .query(Version.class)
                .single());
    }
}
