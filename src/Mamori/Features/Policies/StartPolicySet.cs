using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Gives an organization the start of its policy set: the default roles table and a 基本方針
/// drafted from Mamori's template, ready to be edited and approved. Does nothing twice.
/// </summary>
public static class StartPolicySet
{
    public static async Task<bool> HandleAsync(MamoriDb db, Organization organization, string author, bool japanese, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var created = false;
        if (!await db.PolicyRoles.AnyAsync(cancellationToken))
        {
            var order = 0;
            foreach (var role in PolicyTemplates.DefaultRoles)
            {
                db.PolicyRoles.Add(new PolicyRole(organization.Id, japanese ? role.TitleJa : role.TitleEn, japanese ? role.ResponsibilityJa : role.ResponsibilityEn, ++order) { Key = role.Key });
            }

            created = true;
        }

        if (!await db.PolicyDocuments.AnyAsync(d => d.Kind == DocumentKind.BasicPolicy, cancellationToken))
        {
            var document = new PolicyDocument(organization.Id, DocumentKind.BasicPolicy, "1", japanese ? "情報セキュリティ基本方針" : "Basic information security policy")
            {
                Scope = japanese ? "全社・全従業員" : "The whole company and all its people",
            };
            db.PolicyDocuments.Add(document);
            db.DocumentVersions.Add(new DocumentVersion(organization.Id, document.Id, 1, PolicyTemplates.BasicPolicy(japanese), author, now)
            {
                Summary = japanese ? "新規制定" : "First issue",
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
