namespace Mamori.Data.CompiledModels.Sqlite;

/// <summary>The generated SQLite model (Sqlite/), completed with what the generator cannot write.</summary>
public partial class SqliteMamoriDbModel
{
    partial void Customize() => TenantFilters.AddTo(this);
}
