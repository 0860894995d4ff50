using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Gives an organization the start of its policy set: the default roles table and a 基本方針
/// drafted from Mamori's template, ready to be edited and approved. Does nothing twice.
/// </summary>
public static class StartPolicySet
{
    public static async Task<bool> HandleAsync(MamoriDb db, Organization organization, string author, CultureInfo culture, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var created = false;
        if (!await db.PolicyRoles.AnyAsync(cancellationToken))
        {
            db.PolicyRoles.AddRange(SaveRoles.Defaults(organization.Id, culture));
            created = true;
        }

        if (!await db.PolicyDocuments.AnyAsync(d => d.Kind == DocumentKind.BasicPolicy, cancellationToken))
        {
            var document = new PolicyDocument(organization.Id, DocumentKind.BasicPolicy, "1", Messages.ResourceManager.Text(nameof(Messages.PolicyStartTitle), culture))
            {
                Scope = Messages.ResourceManager.Text(nameof(Messages.PolicyStartScope), culture),
            };
            db.PolicyDocuments.Add(document);
            db.DocumentVersions.Add(new DocumentVersion(organization.Id, document.Id, 1, PolicyTemplates.BasicPolicy(culture), author, now)
            {
                Summary = Messages.ResourceManager.Text(nameof(Messages.PolicyStartSummary), culture),
            });
            created = true;
        }

        if (created)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }
}
