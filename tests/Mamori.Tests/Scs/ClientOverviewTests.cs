using System.Data.Common;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Domain.Treatments;
using Mamori.Features.Organizations;
using Mamori.Features.Scs;
using Mamori.Tests.Persistence;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mamori.Tests.Scs;

public class The_client_overview : PersistenceTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lists_the_organizations_the_user_may_read_with_their_star_state_and_overdue_items_in_one_query(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var today = Time.Today(null);
        var advised = await CreateOrganizationAsync(test.Database, "advised");
        var reviewed = await CreateOrganizationAsync(test.Database, "reviewed");
        var employer = await CreateOrganizationAsync(test.Database, "employer");
        var stranger = await CreateOrganizationAsync(test.Database, "stranger");
        var user = new MamoriUser { UserName = "consultant@example.jp", Email = "consultant@example.jp", DisplayName = "顧問" };
        await using (var accounts = test.Database.Open())
        {
            accounts.Users.Add(user);
            await accounts.SaveChangesAsync();
        }

        await using (var db = test.Database.Open(advised.Id, new Actor("tester", Time)))
        {
            db.Memberships.Add(new Membership(advised.Id, user.Id, MemberRole.Administrator));
            db.TreatmentTasks.Add(new TreatmentTask(advised.Id, "期限切れ") { DueOn = today.AddDays(-1) });
            db.TreatmentTasks.Add(new TreatmentTask(advised.Id, "済み") { DueOn = today.AddDays(-1), Status = TreatmentStatus.Done });
            await db.SaveChangesAsync();
            var officer = new Membership(advised.Id, user.Id, MemberRole.Administrator);
            await StartAssessment.HandleAsync(db, officer, advised, "佐藤", Time.GetUtcNow(), today);
            await AnswerCriterion.HandleAsync(db, officer, advised, Star3Assessment.CurrentYear(today), new("7-1-1-1", ScsAnswerStatus.Met, null, null, null), "佐藤", Time.GetUtcNow(), today, Language.Japanese);
        }

        await using (var db = test.Database.Open(reviewed.Id, new Actor("tester", Time)))
        {
            db.Memberships.Add(new Membership(reviewed.Id, user.Id, MemberRole.Expert));
            await db.SaveChangesAsync();
        }

        await using (var db = test.Database.Open(employer.Id, new Actor("tester", Time)))
        {
            db.Memberships.Add(new Membership(employer.Id, user.Id, MemberRole.Employee));
            await db.SaveChangesAsync();
        }

        var counter = new CommandCounter();
        var counted = new MamoriDatabase(test.Database.Options with { Interceptors = [counter] });
        var clients = await ListOrganizations.ClientsOfAsync(counted, user.Id, today, Star3Assessment.CurrentYear(today));
        var few = counter.Count;

        Assert.Equal(["advised", "reviewed"], clients.Select(c => c.Organization.Slug).Order());
        var a = clients.Single(c => c.Organization.Slug == "advised");
        Assert.Equal((MemberRole.Administrator, true, 1, false, 1, 0, 0), (a.Role, a.Star3Started, a.Star3Answered, a.Star3Confirmed, a.OverdueTasks, a.OverdueChecks, a.Level));
        var r = clients.Single(c => c.Organization.Slug == "reviewed");
        Assert.Equal((MemberRole.Expert, false, 0, (int?)null), (r.Role, r.Star3Started, r.Overdue, r.DiagnosisScore));
        Assert.DoesNotContain(clients, c => c.Organization.Id == stranger.Id);

        for (var i = 0; i < 5; i++)
        {
            var more = await CreateOrganizationAsync(test.Database, $"more{i}");
            await using var db = test.Database.Open(more.Id, new Actor("tester", Time));
            db.Memberships.Add(new Membership(more.Id, user.Id, MemberRole.Auditor));
            await db.SaveChangesAsync();
        }

        counter.Count = 0;
        Assert.Equal(7, (await ListOrganizations.ClientsOfAsync(counted, user.Id, today, Star3Assessment.CurrentYear(today))).Count);
        Assert.Equal(few, counter.Count);
        Assert.True(few <= 2, $"{few} commands");
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
