using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Inserts domain entities with one prepared INSERT per table, built from the EF model: the table, the column
/// names, the value converters (UTC dates, enums as text) and the parameter set-up (on SQLite Guids as upper-case
/// TEXT, on PostgreSQL uuid and timestamptz) are exactly what SaveChanges would write, without change tracking, which for 100k+ rows costs minutes.
/// Only for flat entities (no owned collections); the caller owns the connection and transaction.
/// </summary>
internal sealed class BulkInserter<T> : IDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly (IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter)[] _columns;

    public BulkInserter(DbContext db, DbConnection connection, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(connection);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.GetColumnName(store) is not null).ToList();

        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _columns = new (IClrPropertyGetter, ValueConverter?, DbParameter)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = (RelationalTypeMapping)properties[i].GetTypeMapping();
            var parameter = mapping.CreateParameter(_command, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, nullable: true);
            _command.Parameters.Add(parameter);
            _columns[i] = (properties[i].GetGetter(), mapping.Converter, parameter);
        }

        var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""));
        var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
        _command.CommandText = $"INSERT INTO \"{table}\" ({columns}) VALUES ({values});";
        _command.Prepare();
    }

    public int Count { get; private set; }

    public void Insert(T row)
    {
        foreach (var (getter, converter, parameter) in _columns)
        {
            var value = getter.GetClrValue(row);
            parameter.Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
        Count++;
    }

    public void Dispose() => _command.Dispose();
}
