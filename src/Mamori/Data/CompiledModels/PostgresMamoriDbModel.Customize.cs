namespace Mamori.Data.CompiledModels.Postgres;

/// <summary>The generated PostgreSQL model (Postgres/), completed with what the generator cannot write.</summary>
public partial class PostgresMamoriDbModel
{
    partial void Customize() => TenantFilters.AddTo(this);
}
