using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Adds chosen forms (様式) and the 5か条 to the policy set as drafts, from catalogs/forms: a form
/// becomes a document of kind Form, the 5か条 a rule set for all employees (a procedure, so everyone
/// acknowledges it). The text keeps its placeholders, so the organization's name, roles and rule values
/// fill it whenever it is read. A form the set already holds is left as it is. One commit: either every
/// chosen form is added or none.
/// </summary>
public static class AddForms
{
    /// <param name="Added">The documents created, in catalog order.</param>
    /// <param name="AlreadyThere">Chosen ids the policy set already held.</param>
    /// <param name="Unknown">Chosen ids that are not in the catalog (then nothing is added).</param>
    public sealed record Result(SaveStatus Status, IReadOnlyList<PolicyDocument> Added, IReadOnlyList<string> AlreadyThere, IReadOnlyList<string> Unknown);

    /// <summary>Where a document added from form <paramref name="formId"/> came from.</summary>
    public static string SourceKeyOf(string formId) => "form:" + formId;

    /// <summary>The ids of the forms the organization's policy set already holds.</summary>
    public static async Task<IReadOnlySet<string>> AddedAsync(MamoriDb db, CancellationToken cancellationToken = default) =>
        (await db.PolicyDocuments.AsNoTracking().Where(d => d.SourceKey.StartsWith("form:")).Select(d => d.SourceKey).ToListAsync(cancellationToken))
            .Select(k => k["form:".Length..]).ToHashSet(StringComparer.Ordinal);

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, IReadOnlyList<string> formIds, string author, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return new(SaveStatus.Forbidden, [], [], []);
        }

        var catalog = FormCatalog.For(culture);
        var chosen = formIds.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.Where(i => catalog.Find(i) is null).ToList();
        if (chosen.Count == 0 || unknown.Count > 0)
        {
            return new(SaveStatus.Invalid, [], [], unknown);
        }

        var present = await AddedAsync(db, cancellationToken);
        var forms = catalog.Forms.Where(f => chosen.Contains(f.Id) && !present.Contains(f.Id)).ToList();
        var added = new List<PolicyDocument>();
        // Inside a caller's transaction (the demo organization's), that transaction is the one commit.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var form in forms)
        {
            var saved = await SaveDocument.HandleAsync(db, membership, null, new SaveDocument.Request
            {
                Kind = form.Kind,
                Number = form.Number,
                Title = form.Title,
                Audiences = [.. form.Audiences],
                ControlIds = [.. form.ControlIds],
                Body = form.Body,
                Summary = Messages.ResourceManager.Text(nameof(Messages.FormAddedSummary), culture),
            }, author, now, cancellationToken);
            var document = saved.EnsureSaved();
            var tracked = await db.PolicyDocuments.SingleAsync(d => d.Id == document.Id, cancellationToken);
            tracked.SourceKey = SourceKeyOf(form.Id);
            await db.SaveChangesAsync(cancellationToken);
            added.Add(tracked);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new(SaveStatus.Saved, added, [.. chosen.Where(present.Contains)], []);
    }
}
