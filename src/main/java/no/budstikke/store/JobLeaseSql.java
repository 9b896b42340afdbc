package no.budstikke.store;

import java.time.OffsetDateTime;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link JobLease}. */
interface JobLeaseSql {

    @SqlUpdate("UPDATE job_lease SET holder = :holder, lease_until = :until WHERE job = :job AND (lease_until < :now OR holder = :holder)")
    int claim(String job, String holder, OffsetDateTime now, OffsetDateTime until);

    @SqlUpdate("UPDATE job_lease SET lease_until = :until WHERE job = :job AND holder = :holder")
    int release(String job, String holder, OffsetDateTime until);
}
