using SmpAftercare.Web.Tests.Admin;
using SmpAftercare.Web.Tests.Api;
using SmpAftercare.Web.Tests.CheckIns;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Database;
using SmpAftercare.Web.Tests.Features;
using SmpAftercare.Web.Tests.Reminders;
using Xunit.Abstractions;

namespace SmpAftercare.Web.Tests.Infrastructure;

// The test classes that touch the database in ways the providers could disagree on (tenant filters, searches,
// instants, unique indexes, raw SQL in the dispatcher) run twice: on SQLite, as a fresh clone runs the app, and on
// PostgreSQL (PostgresServer: one throw-away server for the run, a fresh database per app host). The classes
// are abstract and take the server, or null for SQLite; the pairs below are the whole list
// (docs/architecture.md, "Databases").

public sealed class TenantIsolationTestsOnSqlite() : TenantIsolationTests(null);

[Collection(OnPostgres.Name)]
public sealed class TenantIsolationTestsOnPostgres(PostgresServer postgres) : TenantIsolationTests(postgres);

public sealed class ClientTestsOnSqlite() : ClientTests(null);

[Collection(OnPostgres.Name)]
public sealed class ClientTestsOnPostgres(PostgresServer postgres) : ClientTests(postgres);

public sealed class SessionTestsOnSqlite() : SessionTests(null);

[Collection(OnPostgres.Name)]
public sealed class SessionTestsOnPostgres(PostgresServer postgres) : SessionTests(postgres);

public sealed class ApiSessionTestsOnSqlite() : ApiSessionTests(null);

[Collection(OnPostgres.Name)]
public sealed class ApiSessionTestsOnPostgres(PostgresServer postgres) : ApiSessionTests(postgres);

public sealed class ClientLinkLifecycleTestsOnSqlite() : ClientLinkLifecycleTests(null);

[Collection(OnPostgres.Name)]
public sealed class ClientLinkLifecycleTestsOnPostgres(PostgresServer postgres) : ClientLinkLifecycleTests(postgres);

public sealed class RecomputeTestsOnSqlite() : RecomputeTests(null);

[Collection(OnPostgres.Name)]
public sealed class RecomputeTestsOnPostgres(PostgresServer postgres) : RecomputeTests(postgres);

public sealed class DispatchTestsOnSqlite(SmtpSink smtp, ITestOutputHelper output) : DispatchTests(smtp, output, null);

[Collection(OnPostgres.Name)]
public sealed class DispatchTestsOnPostgres(SmtpSink smtp, ITestOutputHelper output, PostgresServer postgres) : DispatchTests(smtp, output, postgres);

public sealed class DatabaseTestsOnSqlite() : DatabaseTests(null);

[Collection(OnPostgres.Name)]
public sealed class DatabaseTestsOnPostgres(PostgresServer postgres) : DatabaseTests(postgres);

public sealed class SeedBenchTestsOnSqlite() : SeedBenchTests(null);

[Collection(OnPostgres.Name)]
public sealed class SeedBenchTestsOnPostgres(PostgresServer postgres) : SeedBenchTests(postgres);

public sealed class ClientErasureTestsOnSqlite() : ClientErasureTests(null);

[Collection(OnPostgres.Name)]
public sealed class ClientErasureTestsOnPostgres(PostgresServer postgres) : ClientErasureTests(postgres);

public sealed class CheckInLimitTestsOnSqlite() : CheckInLimitTests(null);

[Collection(OnPostgres.Name)]
public sealed class CheckInLimitTestsOnPostgres(PostgresServer postgres) : CheckInLimitTests(postgres);

public sealed class ErasureDuringDispatchTestsOnSqlite(SmtpSink smtp) : ErasureDuringDispatchTests(smtp, null);

[Collection(OnPostgres.Name)]
public sealed class ErasureDuringDispatchTestsOnPostgres(SmtpSink smtp, PostgresServer postgres) : ErasureDuringDispatchTests(smtp, postgres);

public sealed class ClientSearchTestsOnSqlite() : ClientSearchTests(null);

[Collection(OnPostgres.Name)]
public sealed class ClientSearchTestsOnPostgres(PostgresServer postgres) : ClientSearchTests(postgres);
