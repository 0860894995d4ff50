using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Features.Policies;

/// <summary>The template texts shipped in catalogs/templates: the 基本方針 and the default roles table.</summary>
public static class PolicyTemplates
{
    public sealed record DefaultRole(string Key, string TitleJa, string TitleEn, string ResponsibilityJa, string ResponsibilityEn)
    {
        public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);

        public string Responsibility(CultureInfo culture) => culture.Pick(ResponsibilityJa, ResponsibilityEn);
    }

    private sealed class RolesFile
    {
        public int Version { get; set; }

        public List<RoleEntry> Roles { get; set; } = [];
    }

    private sealed class RoleEntry
    {
        public string Key { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string ResponsibilityJa { get; set; } = "";
        public string ResponsibilityEn { get; set; } = "";
    }

    public static string BasicPolicy(CultureInfo culture) => CatalogSet.ReadEmbedded($"templates/basic-policy.{culture.Code()}.md");

    public static IReadOnlyList<DefaultRole> DefaultRoles { get; } = LoadRoles();

    /// <summary>
    /// What {{ roles.KEY }} becomes: the role's title with who holds it, from the organization's
    /// roles table, falling back to the default title for a role the table does not have yet.
    /// </summary>
    public static Dictionary<string, object> RoleValues(IEnumerable<Domain.Policies.PolicyRole> roles, CultureInfo culture)
    {
        var values = DefaultRoles.ToDictionary(r => r.Key, r => (object)r.Title(culture));
        foreach (var role in roles.Where(r => r.Key.Length > 0))
        {
            values[role.Key] = role.Holders.Length > 0 ? $"{role.Title}（{role.Holders}）" : role.Title;
        }

        return values;
    }

    private static List<DefaultRole> LoadRoles()
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<RolesFile>(CatalogSet.ReadEmbedded("templates/roles.yaml"));
        return file.Roles.Select(r => new DefaultRole(r.Key, r.TitleJa, r.TitleEn, r.ResponsibilityJa, r.ResponsibilityEn)).ToList();
    }
}
