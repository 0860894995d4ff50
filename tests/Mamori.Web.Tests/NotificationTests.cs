using System.Net;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Scs;
using Mamori.Domain.Treatments;
using Mamori.Features.Notifications;
using Mamori.Features.Scs;
using Mamori.Mail;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mamori.Web.Tests;

/// <summary>
/// Notifications reach the right member of the right organization, in their language, once: a
/// second run, a restarted node or two nodes at the same time on one database send nothing twice.
/// Mail goes through MailKit to a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class A_notification
{
    private const string PublicUrl = "https://mamori.example.jp";

    // 09:00 in Tokyo on 10 March 2027: the task is due in 5 days, the review in 10, the yearly checks in 21.
    private static readonly DateTimeOffset Start = new(2027, 3, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>(to, subject) of every mail the first run sends in the world below.</summary>
    private static readonly (string To, string Subject)[] FirstRun =
    [
        ("admin@example.jp", "[株式会社acme] 実施手順「3.1 パスワードの手順」をお読みください"),
        ("admin@example.jp", "[株式会社acme] 文書「2 アクセス管理」の見直し日が近づいています"),
        ("admin@example.jp", "[株式会社acme] ★3 の年次点検の期限が近づいています"),
        ("officer@example.jp", "[株式会社acme] 実施手順「3.1 パスワードの手順」をお読みください"),
        ("officer@example.jp", "[株式会社acme] 文書「2 アクセス管理」の見直し日が近づいています"),
        ("officer@example.jp", "[株式会社acme] ★3 の年次点検の期限が近づいています"),
        ("officer@example.jp", "[株式会社acme] 今週の情報セキュリティの状況"),
        ("staff@example.jp", "[株式会社acme] Please read the procedure \"3.1 パスワードの手順\""),
        ("staff@example.jp", "[株式会社acme] You are responsible for the task \"バックアップの復元試験\""),
        ("staff@example.jp", "[株式会社acme] The task \"バックアップの復元試験\" is due soon"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Of_each_kind_reaches_the_right_member_in_their_language_with_a_link(DatabaseProvider provider)
    {
        using var world = await World.CreateAsync(provider);

        var outcome = await world.Node("node-a").RunOnceAsync();

        Assert.Equal(new SendNotifications.Outcome(true, FirstRun.Length, 0), outcome);
        Assert.Equal(Sorted(FirstRun), Sorted(world.Smtp.Received.Select(Pair)));
        var procedure = world.Smtp.Received.Single(m => To(m) == "staff@example.jp" && m.Subject!.Contains("procedure", StringComparison.Ordinal));
        Assert.StartsWith("Hello staff,", procedure.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/o/acme/procedures", procedure.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/account/notifications", procedure.TextBody!, StringComparison.Ordinal);
        var digest = world.Smtp.Received.Single(m => m.Subject!.Contains("今週", StringComparison.Ordinal));
        Assert.Contains("- 7 日以内に期限を迎える対策タスク: 1 件", digest.TextBody!, StringComparison.Ordinal);
        Assert.Contains("- まだ確認されていない実施手順（対象者ごと）: 3 件", digest.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/o/acme", digest.TextBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_sent_once_however_often_the_scheduler_runs_or_restarts()
    {
        using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        await world.Node("node-a").RunOnceAsync();

        var again = await world.Node("node-a").RunOnceAsync();
        world.Clock.Advance(TimeSpan.FromHours(2));
        var restarted = await world.Node("node-a-restarted").RunOnceAsync();

        Assert.Equal(new SendNotifications.Outcome(true, 0, 0), again);
        Assert.Equal(new SendNotifications.Outcome(true, 0, 0), restarted);
        Assert.Equal(FirstRun.Length, world.Smtp.Received.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_sent_once_by_two_nodes_running_at_the_same_time_on_one_database(DatabaseProvider provider)
    {
        using var world = await World.CreateAsync(provider);
        var (a, b) = (world.Node("node-a"), world.Node("node-b"));

        // Without the lease: only the unique key of each claim stands between the two.
        var both = await Task.WhenAll(Task.Run(() => a.SendDueAsync()), Task.Run(() => b.SendDueAsync()));

        Assert.Equal(FirstRun.Length, both.Sum(o => o.Sent));
        Assert.Equal(Sorted(FirstRun), Sorted(world.Smtp.Received.Select(Pair)));

        // A week on: with the lease, one node runs; what is new (the task overdue, the next digest) goes once.
        world.Clock.Advance(TimeSpan.FromDays(7));
        var leased = await Task.WhenAll(Task.Run(() => a.RunOnceAsync()), Task.Run(() => b.RunOnceAsync()));
        Assert.Single(leased, o => o.Ran);
        Assert.Equal(
            Sorted([
                ("officer@example.jp", "[株式会社acme] 今週の情報セキュリティの状況"),
                ("staff@example.jp", "[株式会社acme] The task \"バックアップの復元試験\" is overdue")]),
            Sorted(world.Smtp.Received.Skip(FirstRun.Length).Select(Pair)));

        // A third node, started later, sends nothing of what the others sent.
        world.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new SendNotifications.Outcome(true, 0, 0), await world.Node("node-c").RunOnceAsync());
    }

    [Fact]
    public async Task Stops_when_its_kind_is_switched_off_by_the_administrator_or_by_the_person()
    {
        using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await world.Host.SignedInAsync("admin@example.jp");
        var staff = await world.Host.SignedInAsync("staff@example.jp");
        var allBut = (NotificationKind off) => NotificationKinds.All.Where(k => k != off).Select(k => KeyValuePair.Create("On", k.ToString())).ToList();

        var organization = await admin.PostFieldsAsync("/o/acme/notifications", allBut(NotificationKind.WeeklyDigest));
        var person = await staff.PostFieldsAsync("/account/notifications", [.. allBut(NotificationKind.TreatmentTask), KeyValuePair.Create("Language", "en")]);
        await world.Node("node-a").RunOnceAsync();

        Assert.Equal(HttpStatusCode.Redirect, organization.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, person.StatusCode);
        Assert.Equal(
            Sorted(FirstRun.Where(m => !m.Subject!.Contains("今週", StringComparison.Ordinal) && !m.Subject!.Contains("task", StringComparison.Ordinal))),
            Sorted(world.Smtp.Received.Select(Pair)));
        var page = await admin.GetHtmlAsync("/o/acme/notifications");
        Assert.Null(page.QuerySelector("input[data-kind=WeeklyDigest][checked]"));
        Assert.NotNull(page.QuerySelector("input[data-kind=TreatmentTask][checked]"));
        await using var db = world.Host.Database.Open(world.Acme.Id);
        var audited = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(OrganizationNotificationSettings));
        Assert.Contains("WeeklyDigest", audited.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaches_a_person_only_about_organizations_they_belong_to()
    {
        using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = world.Host.Database.Open(world.Other.Id))
        {
            // Another organization names the acme employee as a task's owner: they are not its member.
            db.TreatmentTasks.Add(new TreatmentTask(world.Other.Id, "他社のタスク") { Owner = "staff@example.jp", DueOn = new DateOnly(2027, 3, 11) });
            await db.SaveChangesAsync();
        }

        await world.Node("node-a").RunOnceAsync();

        Assert.DoesNotContain(world.Smtp.Received, m => m.Subject!.Contains("株式会社other", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Smtp.Received, m => m.TextBody!.Contains("他社", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Smtp.Received, m => To(m) == "other-admin@example.jp");
    }

    [Fact]
    public async Task Is_claimed_in_the_audit_log_of_its_organization_before_it_is_sent()
    {
        using var world = await World.CreateAsync(DatabaseProvider.Sqlite);

        await world.Node("node-a").RunOnceAsync();

        await using var db = world.Host.Database.Open(world.Acme.Id);
        var sent = await db.SentNotifications.ToListAsync();
        Assert.Equal(FirstRun.Length, sent.Count);
        Assert.All(sent, n => Assert.NotNull(n.SentAt));
        var entries = await db.AuditEntries.Where(e => e.EntityType == nameof(SentNotification)).ToListAsync();
        Assert.Equal(2 * FirstRun.Length, entries.Count);
        Assert.All(entries, e => Assert.Equal(SendNotifications.ActorName, e.Actor));
        await using var other = world.Host.Database.Open(world.Other.Id);
        Assert.Empty(await other.SentNotifications.ToListAsync());
    }

    [Fact]
    public async Task That_fails_is_tried_again_a_few_times_and_then_given_up()
    {
        using var world = await World.CreateAsync(DatabaseProvider.Sqlite);
        var unreachable = new Mailer(new MailSettings("127.0.0.1", ClosedPort(), MailTls.None, null, null, "mamori@example.jp"));
        var node = world.Node("node-a", unreachable);

        var outcomes = new List<SendNotifications.Outcome>();
        for (var i = 0; i < SentNotification.MaxAttempts + 1; i++)
        {
            outcomes.Add(await node.RunOnceAsync());
        }

        Assert.Equal(new[] { FirstRun.Length, FirstRun.Length, FirstRun.Length, 0 }, outcomes.Select(o => o.Failed));
        Assert.Equal(new SendNotifications.Outcome(true, 0, 0), await world.Node("node-a").RunOnceAsync());
        await using var db = world.Host.Database.Open(world.Acme.Id);
        Assert.All(await db.SentNotifications.ToListAsync(), n => Assert.True(n.SentAt is null && n.Error.Length > 0 && n.Attempts == SentNotification.MaxAttempts));
    }

    [Fact]
    public async Task Is_not_sent_without_a_mail_server_and_the_settings_page_says_so()
    {
        using var host = new WebHost(settings: new() { [NotificationOptions.IntervalVariable] = "0" });
        var acme = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", acme, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var page = await admin.GetHtmlAsync("/o/acme/notifications");
        var account = await admin.GetHtmlAsync("/account/notifications");
        var outcome = await new SendNotifications(host.Database, new Mailer(null), NotificationOptions.Read(_ => null), TimeProvider.System, "node-a").RunOnceAsync();

        Assert.NotNull(page.QuerySelector("[data-testid=no-smtp]"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-public-url]"));
        Assert.NotNull(account.QuerySelector("[data-testid=no-smtp]"));
        Assert.Equal(NotificationKinds.All.Count, page.QuerySelectorAll("input[name=On][checked]").Length);
        Assert.False(outcome.Ran);
    }

    [Theory]
    [InlineData(null, null, null, 15)]
    [InlineData("https://mamori.example.jp/", "5", "https://mamori.example.jp/o/acme/treatments", 5)]
    [InlineData("http://intranet:8080/mamori", "0", "http://intranet:8080/mamori/o/acme/treatments", 0)]
    public void Settings_are_read_with_their_defaults(string? url, string? minutes, string? link, int interval)
    {
        var options = NotificationOptions.Read(name => name switch
        {
            NotificationOptions.PublicUrlVariable => url,
            NotificationOptions.IntervalVariable => minutes,
            _ => null,
        });

        Assert.Equal(link, options.Link("/o/acme/treatments"));
        Assert.Equal(TimeSpan.FromMinutes(interval), options.Interval);
    }

    [Theory]
    [InlineData(NotificationOptions.PublicUrlVariable, "mamori.example.jp")]
    [InlineData(NotificationOptions.PublicUrlVariable, "ftp://mamori.example.jp")]
    [InlineData(NotificationOptions.IntervalVariable, "-5")]
    [InlineData(NotificationOptions.IntervalVariable, "soon")]
    public void Settings_that_cannot_be_used_are_refused_by_name(string variable, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => NotificationOptions.Read(name => name == variable ? value : null));

        Assert.Contains(variable, refused.Message, StringComparison.Ordinal);
    }

    private static (string, string) Pair(MimeMessage message) => (To(message), message.Subject ?? "");

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static List<(string, string)> Sorted(IEnumerable<(string, string)> mails) => [.. mails.Order()];

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// acme: an administrator, a 情報セキュリティ責任者 and an employee who reads English; a published
    /// procedure for everyone, a standard due for review, a task given to the employee and a ★3 yearly
    /// check due. other: an administrator of its own and nothing due.
    /// </summary>
    private sealed class World : IDisposable
    {
        private World(TestSmtpServer smtp, FakeTimeProvider clock, WebHost host)
        {
            Smtp = smtp;
            Clock = clock;
            Host = host;
        }

        public TestSmtpServer Smtp { get; }

        public FakeTimeProvider Clock { get; }

        public WebHost Host { get; }

        public Organization Acme { get; private set; } = null!;

        public Organization Other { get; private set; } = null!;

        public static async Task<World> CreateAsync(DatabaseProvider provider)
        {
            var smtp = new TestSmtpServer();
            var clock = new FakeTimeProvider(Start);
            var settings = smtp.Settings;
            settings[NotificationOptions.PublicUrlVariable] = PublicUrl;
            // The host's own scheduler stays off: the tests run the nodes themselves.
            settings[NotificationOptions.IntervalVariable] = "0";
            var world = new World(smtp, clock, new WebHost(provider, settings, clock));
            await world.SeedAsync();
            return world;
        }

        /// <summary>A scheduler node on the world's database, as a web node would run it.</summary>
        public SendNotifications Node(string id, Mailer? mailer = null) =>
            new(Host.Database, mailer ?? Host.Services.GetRequiredService<Mailer>(), Host.Services.GetRequiredService<NotificationOptions>(), Clock, id);

        public void Dispose()
        {
            Host.Dispose();
            Smtp.Dispose();
        }

        private async Task SeedAsync()
        {
            Acme = await Host.OrganizationAsync("acme");
            Other = await Host.OrganizationAsync("other");
            await Host.UserAsync("admin@example.jp", Acme, MemberRole.Administrator);
            await Host.UserAsync("officer@example.jp", Acme, MemberRole.SecurityOfficer);
            await Host.UserAsync("staff@example.jp", Acme, MemberRole.Employee);
            await Host.UserAsync("other-admin@example.jp", Other, MemberRole.Administrator);
            await using (var accounts = Host.Database.Open())
            {
                (await accounts.Users.SingleAsync(u => u.Email == "staff@example.jp")).PreferredLanguage = "en";
                await accounts.SaveChangesAsync();
            }

            await using var db = Host.Database.Open(Acme.Id);
            var procedure = new PolicyDocument(Acme.Id, DocumentKind.Procedure, "3.1", "パスワードの手順");
            procedure.Audiences.Add(Audiences.AllEmployees);
            var version = new DocumentVersion(Acme.Id, procedure.Id, 1, "本文", "admin", Start);
            version.SubmitForReview();
            version.Approve("admin", Start);
            version.Publish(Start);
            db.PolicyDocuments.Add(procedure);
            db.DocumentVersions.Add(version);
            db.PolicyDocuments.Add(new PolicyDocument(Acme.Id, DocumentKind.Standard, "2", "アクセス管理") { NextReviewOn = new DateOnly(2027, 3, 20) });
            db.TreatmentTasks.Add(new TreatmentTask(Acme.Id, "バックアップの復元試験") { Owner = "staff@example.jp", DueOn = new DateOnly(2027, 3, 15) });
            var yearly = ScsCatalog.Default.CriteriaOf(Star3Assessment.Level).First(c => c.Yearly);
            db.ScsYearlyChecks.Add(new ScsYearlyCheck(Acme.Id, yearly.Id, new DateOnly(2027, 3, 31)));
            await db.SaveChangesAsync();
        }
    }
}
