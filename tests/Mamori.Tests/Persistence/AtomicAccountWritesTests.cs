using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Accounts;
using Mamori.Features.Audit;
using Mamori.Features.Invitations;
using Mamori.Features.Organizations;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The user actions that make an account or an organization with other rows commit once: the
/// failure is injected after the database has run the failing command, with the account or the
/// organization already written in the same transaction, so only a rollback of the whole leaves
/// the installation as it was.
/// </summary>
public class A_failure_in_the_middle_of_setting_up : PersistenceTest
{
    private const string MembershipInsert = "INSERT INTO \"Memberships\"";

    // Accounts store their creation time as given, and PostgreSQL takes UTC only (as TimeProvider.System gives).
    private readonly FakeTimeProvider _utc = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly CreateFirstAdministrator.Request Setup = new()
    {
        Email = "sato@example.jp",
        DisplayName = "佐藤",
        Password = "Kagi-2026-mamori",
        OrganizationName = "山田商事",
        Slug = "yamada",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_part_of_the_first_administrator_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        // The administrator joins this one too, through its own context, after the new organization is written.
        var demo = await CreateOrganizationAsync(test.Database, "demo");
        await using var accounts = AccountServices(test.Database);
        var users = accounts.GetRequiredService<UserManager<MamoriUser>>();
        var failure = new FailingCommand(MembershipInsert, occurrence: 2);

        await FailsAsync(test.Database, failure, failing => CreateFirstAdministrator.HandleAsync(failing, users, Setup, _utc));

        var result = await CreateFirstAdministrator.HandleAsync(test.Database, users, Setup, _utc);
        Assert.Equal(SaveStatus.Saved, result.Status);
        await using var db = test.Database.Open(demo.Id);
        Assert.Equal(MemberRole.Administrator, (await db.Memberships.SingleAsync(m => m.UserId == result.User!.Id)).Role);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_part_of_the_demo_organization_behind(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        // The treatment tasks rest on the scenarios, which rest on the assets and the organization.
        var failure = new FailingCommand("INSERT INTO \"TreatmentTasks\"");

        await FailsAsync(test.Database, failure, failing => DemoOrganization.EnsureAsync(failing, Time, CancellationToken.None));

        await DemoOrganization.EnsureAsync(test.Database, Time, CancellationToken.None);
        var demo = await ListOrganizations.FindAsync(test.Database, DemoOrganization.Slug);
        await using var db = test.Database.Open(demo!.Id);
        Assert.Equal(4, await db.Assets.CountAsync());
        Assert.Equal(2, await db.TreatmentTasks.CountAsync());
    }

    /// <summary>
    /// A write of each step of the demo's journey: the roles, a lifecycle step, the 自社診断, a Lv.2 chapter, the SoA,
    /// an acknowledgement. Each step on SQLite; on PostgreSQL the last, after all the others have written in the same
    /// transaction (the one transaction around the demo is the provider's part; the steps are the same code on both).
    /// </summary>
    public static TheoryData<DatabaseProvider, string, int> DemoJourneyWrites => new()
    {
        { DatabaseProvider.Sqlite, "UPDATE \"PolicyRoles\"", 1 },
        { DatabaseProvider.Sqlite, "UPDATE \"DocumentVersions\"", 5 },
        { DatabaseProvider.Sqlite, "INSERT INTO \"DiagnosisResponses\"", 2 },
        { DatabaseProvider.Sqlite, "INSERT INTO \"PolicyDocuments\"", 12 },
        { DatabaseProvider.Sqlite, "INSERT INTO \"SoaEntries\"", 1 },
        { DatabaseProvider.Sqlite, "INSERT INTO \"Acknowledgements\"", 3 },
        { DatabaseProvider.Postgres, "INSERT INTO \"Acknowledgements\"", 3 },
    };

    [Theory]
    [MemberData(nameof(DemoJourneyWrites))]
    public async Task Leaves_no_part_of_the_demo_journey_behind(DatabaseProvider provider, string sql, int occurrence)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await FailsAsync(test.Database, new FailingCommand(sql, occurrence), failing => DemoOrganization.EnsureAsync(failing, Time, CancellationToken.None));

        Assert.Null(await ListOrganizations.FindAsync(test.Database, DemoOrganization.Slug));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leaves_no_account_behind_when_accepting_an_invitation_with_a_new_account_fails(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var org = await CreateOrganizationAsync(test.Database, "members");
        var administrator = new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.Administrator);
        string token;
        await using (var db = test.Database.Open(org.Id, new Actor("tester", Time)))
        {
            token = (await InviteMember.HandleAsync(db, administrator, new() { Email = "suzuki@example.jp" }, _utc.GetUtcNow())).Token!;
        }

        var request = new AcceptInvitation.NewAccountRequest { DisplayName = "鈴木", Password = "Kagi-2026-mamori" };
        await using var accounts = AccountServices(test.Database);
        var users = accounts.GetRequiredService<UserManager<MamoriUser>>();
        var failure = new FailingCommand(MembershipInsert);

        await FailsAsync(test.Database, failure, failing => AcceptInvitation.WithNewAccountAsync(failing, _utc, users, token, request));

        Assert.Equal(AcceptInvitation.Outcome.Accepted, (await AcceptInvitation.WithNewAccountAsync(test.Database, _utc, users, token, request)).Outcome);
        var added = await users.FindByEmailAsync("suzuki@example.jp");
        Assert.True(await users.CheckPasswordAsync(added!, "Kagi-2026-mamori"));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a database that fails where <paramref name="failure"/> says,
    /// and checks that it failed there and left no account, organization, row or audit entry.
    /// </summary>
    private static async Task FailsAsync(MamoriDatabase database, FailingCommand failure, Func<MamoriDatabase, Task> write)
    {
        var before = await CountsAsync(database);
        var failing = new MamoriDatabase(database.Options with { Interceptors = [failure] });

        var thrown = await Record.ExceptionAsync(() => write(failing));

        Assert.True(InjectedFailure.IsIn(thrown), $"Expected the injected failure, got {thrown}");
        Assert.True(failure.Failed);
        Assert.Equal(before, await CountsAsync(database));
        await using var accounts = database.Open();
        foreach (var organization in await accounts.Organizations.ToListAsync())
        {
            await using var check = database.Open(organization.Id);
            Assert.True((await VerifyAuditLog.HandleAsync(check)).Intact);
        }
    }

    // Every organization's rows at once: the accounts context lifts the tenant filter, for counting only.
    private static async Task<(int Users, int Organizations, int Memberships, int Assets, int Audit)> CountsAsync(MamoriDatabase database)
    {
        await using var db = database.Open();
        return (
            await db.Users.CountAsync(),
            await db.Organizations.CountAsync(),
            await db.Memberships.IgnoreQueryFilters().CountAsync(),
            await db.Assets.IgnoreQueryFilters().CountAsync(),
            await db.AuditEntries.IgnoreQueryFilters().CountAsync());
    }

    /// <summary>Identity's user manager on <paramref name="database"/>'s accounts, as the web host sets it up.</summary>
    private static ServiceProvider AccountServices(MamoriDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<MamoriDb>(_ => database.Open());
        services.AddIdentityCore<MamoriUser>(options => options.User.RequireUniqueEmail = true)
            .AddEntityFrameworkStores<MamoriDb>();
        return services.BuildServiceProvider();
    }
}
