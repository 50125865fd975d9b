using System;
using System.Globalization;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Rules.Expressions
{
    internal enum ValueKind
    {
        Bool,
        Int,
        Decimal,
        Double,
        String,
        Null,
    }

    /// <summary>A static type in the subset: a kind plus "may be null" for int and decimal.</summary>
    internal readonly struct ExprType : IEquatable<ExprType>
    {
        public ExprType(ValueKind kind, bool nullable)
        {
            Kind = kind;
            Nullable = nullable;
        }

        public ValueKind Kind { get; }
        public bool Nullable { get; }
        public bool IsNumeric => Kind == ValueKind.Int || Kind == ValueKind.Decimal || Kind == ValueKind.Double;

        public static ExprType Bool => new ExprType(ValueKind.Bool, false);
        public static ExprType String => new ExprType(ValueKind.String, false);
        public static ExprType Null => new ExprType(ValueKind.Null, true);

        public ExprType AsNullable() => new ExprType(Kind, true);

        public ExprType AsNonNullable() => new ExprType(Kind, false);

        public bool Equals(ExprType other) => Kind == other.Kind && Nullable == other.Nullable;

        public override bool Equals(object? obj) => obj is ExprType other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 2) + (Nullable ? 1 : 0);

        public override string ToString() => Kind switch
        {
            ValueKind.Bool => "bool",
            ValueKind.Int => Nullable ? "int?" : "int",
            ValueKind.Decimal => Nullable ? "decimal?" : "decimal",
            ValueKind.Double => Nullable ? "double?" : "double",
            ValueKind.String => "string",
            _ => "null",
        };

        public static ExprType Of(FactType type) => type switch
        {
            FactType.Bool => Bool,
            FactType.Int => new ExprType(ValueKind.Int, false),
            FactType.NullableInt => new ExprType(ValueKind.Int, true),
            FactType.Decimal => new ExprType(ValueKind.Decimal, false),
            FactType.NullableDecimal => new ExprType(ValueKind.Decimal, true),
            _ => String,
        };
    }

    /// <summary>A runtime fault inside one rule (e.g. .Value on a missing value); the rule does not match.</summary>
    internal sealed class RuleEvaluationException : Exception
    {
        public RuleEvaluationException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Values of LocalParams / GlobalParams during one evaluation (one array per evaluation, only when a ruleset has params).</summary>
    internal struct Slot
    {
        public bool Bool;
        public int? Int;
        public decimal? Decimal;
        public double? Double;
        public string? String;
    }

    // The bound form of an expression: ordinary C# lambdas composed once per ruleset version (no expression
    // trees, no Reflection.Emit, so it runs in the sandbox). Each node is turned into the delegate of its
    // static type; facts are read through the catalog's typed accessors, so nothing is boxed.
    internal delegate bool BoolFn(CustomerFacts f, Slot[] s);

    internal delegate int? IntFn(CustomerFacts f, Slot[] s);

    internal delegate decimal? DecimalFn(CustomerFacts f, Slot[] s);

    internal delegate double? DoubleFn(CustomerFacts f, Slot[] s);

    internal delegate string? StringFn(CustomerFacts f, Slot[] s);

    internal delegate void StoreFn(CustomerFacts f, Slot[] s);

    /// <summary>
    /// A node of the type-checked tree. The binder has already inserted every conversion; <c>Compile*</c>
    /// turns the tree into delegates once, specialising on operator and operand shape at bind time so
    /// that evaluation does no dispatch on strings or kinds.
    /// </summary>
    internal abstract class Expr
    {
        protected Expr(ExprType type)
        {
            Type = type;
        }

        public ExprType Type { get; }

        public virtual BoolFn CompileBool() => throw Wrong("bool");

        public virtual IntFn CompileInt() => throw Wrong("int");

        public virtual DecimalFn CompileDecimal() => throw Wrong("decimal");

        public virtual DoubleFn CompileDouble() => throw Wrong("double");

        public virtual StringFn CompileString() => throw Wrong("string");

        /// <summary>The assignment of this expression's value to a param slot.</summary>
        public StoreFn CompileStore(int slot)
        {
            switch (Type.Kind)
            {
                case ValueKind.Bool:
                    var b = CompileBool();
                    return (f, s) => s[slot].Bool = b(f, s);
                case ValueKind.Int:
                    var i = CompileInt();
                    return (f, s) => s[slot].Int = i(f, s);
                case ValueKind.Decimal:
                    var d = CompileDecimal();
                    return (f, s) => s[slot].Decimal = d(f, s);
                case ValueKind.Double:
                    var x = CompileDouble();
                    return (f, s) => s[slot].Double = x(f, s);
                default:
                    var t = CompileString();
                    return (f, s) => s[slot].String = t(f, s);
            }
        }

        private InvalidOperationException Wrong(string asked) => new InvalidOperationException("A " + Type + " node was read as " + asked + ".");
    }

    internal sealed class BoolConst : Expr
    {
        private static readonly BoolFn True = (f, s) => true;
        private static readonly BoolFn False = (f, s) => false;

        public BoolConst(bool value)
            : base(ExprType.Bool) => Value = value;

        public bool Value { get; }

        public override BoolFn CompileBool() => Value ? True : False;
    }

    internal sealed class IntConst : Expr
    {
        public IntConst(int value)
            : base(new ExprType(ValueKind.Int, false)) => Value = value;

        public int Value { get; }

        public override IntFn CompileInt()
        {
            int? value = Value;
            return (f, s) => value;
        }
    }

    internal sealed class DecimalConst : Expr
    {
        public DecimalConst(decimal value)
            : base(new ExprType(ValueKind.Decimal, false)) => Value = value;

        public decimal Value { get; }

        public override DecimalFn CompileDecimal()
        {
            decimal? value = Value;
            return (f, s) => value;
        }
    }

    /// <summary>A real literal such as 1.5: double, unless its partner is decimal (Dynamic LINQ re-parses it then).</summary>
    internal sealed class DoubleConst : Expr
    {
        public DoubleConst(double value, string? literalText)
            : base(new ExprType(ValueKind.Double, false))
        {
            Value = value;
            LiteralText = literalText;
        }

        public double Value { get; }

        public string? LiteralText { get; }

        public override DoubleFn CompileDouble()
        {
            double? value = Value;
            return (f, s) => value;
        }
    }

    internal sealed class StringConst : Expr
    {
        public StringConst(string value)
            : base(ExprType.String) => Value = value;

        public string Value { get; }

        public override StringFn CompileString()
        {
            var value = Value;
            return (f, s) => value;
        }
    }

    internal sealed class NullConst : Expr
    {
        public NullConst(ExprType type)
            : base(type)
        {
        }

        public override IntFn CompileInt() => (f, s) => null;

        public override DecimalFn CompileDecimal() => (f, s) => null;

        public override DoubleFn CompileDouble() => (f, s) => null;

        public override StringFn CompileString() => (f, s) => null;
    }

    internal sealed class FactRead : Expr
    {
        public FactRead(FactDefinition fact)
            : base(ExprType.Of(fact.Type)) => Fact = fact;

        public FactDefinition Fact { get; }

        public override BoolFn CompileBool()
        {
            var read = Fact.ReadBool!;
            return (f, s) => read(f);
        }

        public override IntFn CompileInt()
        {
            if (Fact.ReadIntValue is not null)
            {
                var value = Fact.ReadIntValue;
                return (f, s) => value(f);
            }

            var read = Fact.ReadInt!;
            return (f, s) => read(f);
        }

        public override DecimalFn CompileDecimal()
        {
            if (Fact.ReadDecimalValue is not null)
            {
                var value = Fact.ReadDecimalValue;
                return (f, s) => value(f);
            }

            var read = Fact.ReadDecimal!;
            return (f, s) => read(f);
        }

        public override StringFn CompileString()
        {
            var read = Fact.ReadString!;
            return (f, s) => read(f);
        }
    }

    internal sealed class ParamRead : Expr
    {
        private readonly int _slot;

        public ParamRead(int slot, ExprType type)
            : base(type) => _slot = slot;

        public override BoolFn CompileBool()
        {
            var slot = _slot;
            return (f, s) => s[slot].Bool;
        }

        public override IntFn CompileInt()
        {
            var slot = _slot;
            return (f, s) => s[slot].Int;
        }

        public override DecimalFn CompileDecimal()
        {
            var slot = _slot;
            return (f, s) => s[slot].Decimal;
        }

        public override DoubleFn CompileDouble()
        {
            var slot = _slot;
            return (f, s) => s[slot].Double;
        }

        public override StringFn CompileString()
        {
            var slot = _slot;
            return (f, s) => s[slot].String;
        }
    }

    /// <summary>int → decimal / double, as C# and Expression.Convert do (lifted).</summary>
    internal sealed class Widen : Expr
    {
        private readonly Expr _operand;

        public Widen(Expr operand, ValueKind to)
            : base(new ExprType(to, operand.Type.Nullable)) => _operand = operand;

        public Expr Operand => _operand;

        public override DecimalFn CompileDecimal()
        {
            var a = _operand.CompileInt();
            return (f, s) => a(f, s);
        }

        public override DoubleFn CompileDouble()
        {
            var a = _operand.CompileInt();
            return (f, s) => a(f, s);
        }
    }

    internal sealed class Not : Expr
    {
        private readonly Expr _operand;

        public Not(Expr operand)
            : base(ExprType.Bool) => _operand = operand;

        public override BoolFn CompileBool()
        {
            if (_operand is FactRead fact)
            {
                var read = fact.Fact.ReadBool!;
                return (f, s) => !read(f);
            }

            var a = _operand.CompileBool();
            return (f, s) => !a(f, s);
        }
    }

    internal sealed class Logical : Expr
    {
        private readonly bool _isAnd;
        private readonly Expr _left;
        private readonly Expr _right;

        public Logical(bool isAnd, Expr left, Expr right)
            : base(ExprType.Bool)
        {
            _isAnd = isAnd;
            _left = left;
            _right = right;
        }

        public override BoolFn CompileBool()
        {
            var a = _left.CompileBool();
            var b = _right.CompileBool();
            if (_isAnd) return (f, s) => a(f, s) && b(f, s);
            return (f, s) => a(f, s) || b(f, s);
        }
    }

    internal sealed class Negate : Expr
    {
        private readonly Expr _operand;

        public Negate(Expr operand)
            : base(operand.Type) => _operand = operand;

        public override IntFn CompileInt()
        {
            var a = _operand.CompileInt();
            return (f, s) => unchecked(-a(f, s));
        }

        public override DecimalFn CompileDecimal()
        {
            var a = _operand.CompileDecimal();
            return (f, s) => -a(f, s);
        }

        public override DoubleFn CompileDouble()
        {
            var a = _operand.CompileDouble();
            return (f, s) => -a(f, s);
        }
    }

    /// <summary>+ - * / % on two operands of one numeric kind; null in, null out (C# lifted operators).</summary>
    internal sealed class Arithmetic : Expr
    {
        private readonly char _op;
        private readonly Expr _left;
        private readonly Expr _right;

        public Arithmetic(char op, Expr left, Expr right, ExprType type)
            : base(type)
        {
            _op = op;
            _left = left;
            _right = right;
        }

        // The lifted C# operators evaluate both operands, then give null if either is null: the same
        // order and the same faults (division by zero, int.MinValue / -1) as the reference engine.
        public override IntFn CompileInt()
        {
            var a = _left.CompileInt();
            var b = _right.CompileInt();
            return _op switch
            {
                '+' => (f, s) => unchecked(a(f, s) + b(f, s)),
                '-' => (f, s) => unchecked(a(f, s) - b(f, s)),
                '*' => (f, s) => unchecked(a(f, s) * b(f, s)),
                '/' => (f, s) => a(f, s) / b(f, s),
                _ => (f, s) => a(f, s) % b(f, s),
            };
        }

        public override DecimalFn CompileDecimal()
        {
            var a = _left.CompileDecimal();
            var b = _right.CompileDecimal();
            return _op switch
            {
                '+' => (f, s) => a(f, s) + b(f, s),
                '-' => (f, s) => a(f, s) - b(f, s),
                '*' => (f, s) => a(f, s) * b(f, s),
                '/' => (f, s) => a(f, s) / b(f, s),
                _ => (f, s) => a(f, s) % b(f, s),
            };
        }

        public override DoubleFn CompileDouble()
        {
            var a = _left.CompileDouble();
            var b = _right.CompileDouble();
            return _op switch
            {
                '+' => (f, s) => a(f, s) + b(f, s),
                '-' => (f, s) => a(f, s) - b(f, s),
                '*' => (f, s) => a(f, s) * b(f, s),
                '/' => (f, s) => a(f, s) / b(f, s),
                _ => (f, s) => a(f, s) % b(f, s),
            };
        }
    }

    /// <summary>
    /// == != &lt; &lt;= &gt; &gt;= with C# lifted semantics: null == null is true, null == 5 is false,
    /// and every ordering comparison with a null operand is false. Strings compare ordinally.
    /// </summary>
    internal sealed class Comparison : Expr
    {
        private readonly string _op;
        private readonly Expr _left;
        private readonly Expr _right;
        private readonly ValueKind _kind;

        public Comparison(string op, Expr left, Expr right, ValueKind kind)
            : base(ExprType.Bool)
        {
            _op = op;
            _left = left;
            _right = right;
            _kind = kind;
        }

        public override BoolFn CompileBool()
        {
            switch (_kind)
            {
                case ValueKind.Bool: return CompileBools();
                case ValueKind.String: return CompileStrings();
                case ValueKind.Null:
                    var equal = _op == "==";
                    return (f, s) => equal;
                case ValueKind.Int: return CompileInts();
                case ValueKind.Decimal: return CompileDecimals();
                default: return CompileDoubles();
            }
        }

        /// <summary>The operator with its operands swapped: 3 &lt; x is x &gt; 3.</summary>
        private static string Mirror(string op) => op switch
        {
            "<" => ">",
            "<=" => ">=",
            ">" => "<",
            ">=" => "<=",
            _ => op,
        };

        private BoolFn CompileBools()
        {
            var a = _left.CompileBool();
            var b = _right.CompileBool();
            if (_op == "==") return (f, s) => a(f, s) == b(f, s);
            return (f, s) => a(f, s) != b(f, s);
        }

        private BoolFn CompileStrings()
        {
            var isEqual = _op == "==";
            if (_right is StringConst rc && _left is FactRead lf) return FactVersusConstant(lf.Fact.ReadString!, rc.Value, isEqual);
            if (_left is StringConst lc && _right is FactRead rf) return FactVersusConstant(rf.Fact.ReadString!, lc.Value, isEqual);
            var a = _left.CompileString();
            var b = _right.CompileString();
            if (isEqual) return (f, s) => string.Equals(a(f, s), b(f, s), StringComparison.Ordinal);
            return (f, s) => !string.Equals(a(f, s), b(f, s), StringComparison.Ordinal);
        }

        private static BoolFn FactVersusConstant(Func<CustomerFacts, string?> read, string value, bool isEqual)
        {
            if (isEqual) return (f, s) => string.Equals(read(f), value, StringComparison.Ordinal);
            return (f, s) => !string.Equals(read(f), value, StringComparison.Ordinal);
        }

        private BoolFn CompileInts()
        {
            // The common shape, fact op constant: one closure around the catalog's accessor.
            if (_right is IntConst rc && _left is FactRead lf) return FactVersusConstant(lf.Fact, rc.Value, _op);
            if (_left is IntConst lc && _right is FactRead rf) return FactVersusConstant(rf.Fact, lc.Value, Mirror(_op));
            if (_right is IntConst k)
            {
                var x = _left.CompileInt();
                var value = k.Value;
                return _op switch
                {
                    "==" => (f, s) => x(f, s) == value,
                    "!=" => (f, s) => x(f, s) != value,
                    "<" => (f, s) => x(f, s) < value,
                    "<=" => (f, s) => x(f, s) <= value,
                    ">" => (f, s) => x(f, s) > value,
                    _ => (f, s) => x(f, s) >= value,
                };
            }

            var a = _left.CompileInt();
            var b = _right.CompileInt();
            return _op switch
            {
                "==" => (f, s) => a(f, s) == b(f, s),
                "!=" => (f, s) => a(f, s) != b(f, s),
                "<" => (f, s) => a(f, s) < b(f, s),
                "<=" => (f, s) => a(f, s) <= b(f, s),
                ">" => (f, s) => a(f, s) > b(f, s),
                _ => (f, s) => a(f, s) >= b(f, s),
            };
        }

        private static BoolFn FactVersusConstant(FactDefinition fact, int value, string op)
        {
            if (fact.ReadIntValue is not null) return FactVersusConstant(fact.ReadIntValue, value, op);
            return FactVersusConstant(fact.ReadInt!, value, op);
        }

        private static BoolFn FactVersusConstant(Func<CustomerFacts, int> read, int value, string op) => op switch
        {
            "==" => (f, s) => read(f) == value,
            "!=" => (f, s) => read(f) != value,
            "<" => (f, s) => read(f) < value,
            "<=" => (f, s) => read(f) <= value,
            ">" => (f, s) => read(f) > value,
            _ => (f, s) => read(f) >= value,
        };

        private static BoolFn FactVersusConstant(Func<CustomerFacts, int?> read, int value, string op) => op switch
        {
            "==" => (f, s) => read(f) == value,
            "!=" => (f, s) => read(f) != value,
            "<" => (f, s) => read(f) < value,
            "<=" => (f, s) => read(f) <= value,
            ">" => (f, s) => read(f) > value,
            _ => (f, s) => read(f) >= value,
        };

        /// <summary>A decimal constant, including a whole-number literal widened to decimal (customer.TotalSpend &gt; 0).</summary>
        private static bool IsDecimalConstant(Expr e, out decimal value)
        {
            switch (e)
            {
                case DecimalConst d:
                    value = d.Value;
                    return true;
                case Widen { Operand: IntConst i }:
                    value = i.Value;
                    return true;
                default:
                    value = 0m;
                    return false;
            }
        }

        private BoolFn CompileDecimals()
        {
            if (IsDecimalConstant(_right, out var rc) && _left is FactRead lf) return FactVersusConstant(lf.Fact, rc, _op);
            if (IsDecimalConstant(_left, out var lc) && _right is FactRead rf) return FactVersusConstant(rf.Fact, lc, Mirror(_op));
            var a = _left.CompileDecimal();
            var b = _right.CompileDecimal();
            return _op switch
            {
                "==" => (f, s) => a(f, s) == b(f, s),
                "!=" => (f, s) => a(f, s) != b(f, s),
                "<" => (f, s) => a(f, s) < b(f, s),
                "<=" => (f, s) => a(f, s) <= b(f, s),
                ">" => (f, s) => a(f, s) > b(f, s),
                _ => (f, s) => a(f, s) >= b(f, s),
            };
        }

        private static BoolFn FactVersusConstant(FactDefinition fact, decimal value, string op)
        {
            if (fact.ReadDecimalValue is not null) return FactVersusConstant(fact.ReadDecimalValue, value, op);
            return FactVersusConstant(fact.ReadDecimal!, value, op);
        }

        private static BoolFn FactVersusConstant(Func<CustomerFacts, decimal> read, decimal value, string op) => op switch
        {
            "==" => (f, s) => read(f) == value,
            "!=" => (f, s) => read(f) != value,
            "<" => (f, s) => read(f) < value,
            "<=" => (f, s) => read(f) <= value,
            ">" => (f, s) => read(f) > value,
            _ => (f, s) => read(f) >= value,
        };

        private static BoolFn FactVersusConstant(Func<CustomerFacts, decimal?> read, decimal value, string op) => op switch
        {
            "==" => (f, s) => read(f) == value,
            "!=" => (f, s) => read(f) != value,
            "<" => (f, s) => read(f) < value,
            "<=" => (f, s) => read(f) <= value,
            ">" => (f, s) => read(f) > value,
            _ => (f, s) => read(f) >= value,
        };

        private BoolFn CompileDoubles()
        {
            // IEEE rules (NaN compares false), exactly as the C# operators.
            var a = _left.CompileDouble();
            var b = _right.CompileDouble();
            return _op switch
            {
                "==" => (f, s) => a(f, s) == b(f, s),
                "!=" => (f, s) => a(f, s) != b(f, s),
                "<" => (f, s) => a(f, s) < b(f, s),
                "<=" => (f, s) => a(f, s) <= b(f, s),
                ">" => (f, s) => a(f, s) > b(f, s),
                _ => (f, s) => a(f, s) >= b(f, s),
            };
        }
    }

    internal sealed class Conditional : Expr
    {
        private readonly Expr _condition;
        private readonly Expr _whenTrue;
        private readonly Expr _whenFalse;

        public Conditional(Expr condition, Expr whenTrue, Expr whenFalse, ExprType type)
            : base(type)
        {
            _condition = condition;
            _whenTrue = whenTrue;
            _whenFalse = whenFalse;
        }

        public override BoolFn CompileBool()
        {
            var c = _condition.CompileBool();
            var a = _whenTrue.CompileBool();
            var b = _whenFalse.CompileBool();
            return (f, s) => c(f, s) ? a(f, s) : b(f, s);
        }

        public override IntFn CompileInt()
        {
            var c = _condition.CompileBool();
            var a = _whenTrue.CompileInt();
            var b = _whenFalse.CompileInt();
            return (f, s) => c(f, s) ? a(f, s) : b(f, s);
        }

        public override DecimalFn CompileDecimal()
        {
            var c = _condition.CompileBool();
            var a = _whenTrue.CompileDecimal();
            var b = _whenFalse.CompileDecimal();
            return (f, s) => c(f, s) ? a(f, s) : b(f, s);
        }

        public override DoubleFn CompileDouble()
        {
            var c = _condition.CompileBool();
            var a = _whenTrue.CompileDouble();
            var b = _whenFalse.CompileDouble();
            return (f, s) => c(f, s) ? a(f, s) : b(f, s);
        }

        public override StringFn CompileString()
        {
            var c = _condition.CompileBool();
            var a = _whenTrue.CompileString();
            var b = _whenFalse.CompileString();
            return (f, s) => c(f, s) ? a(f, s) : b(f, s);
        }
    }

    /// <summary><c>x in (a, b, c)</c>: Dynamic LINQ's <c>new[] { a, b, c }.Contains(x)</c>; a null x matches nothing.</summary>
    internal sealed class Membership : Expr
    {
        private readonly Expr _operand;
        private readonly int[] _ints;
        private readonly decimal[] _decimals;
        private readonly string[] _strings;

        public Membership(Expr operand, int[] ints, decimal[] decimals, string[] strings)
            : base(ExprType.Bool)
        {
            _operand = operand;
            _ints = ints;
            _decimals = decimals;
            _strings = strings;
        }

        public override BoolFn CompileBool()
        {
            switch (_operand.Type.Kind)
            {
                case ValueKind.Int:
                    var i = _operand.CompileInt();
                    var ints = _ints;
                    return (f, s) => ContainsInt(ints, i(f, s));
                case ValueKind.Decimal:
                    var d = _operand.CompileDecimal();
                    var decimals = _decimals;
                    return (f, s) => ContainsDecimal(decimals, d(f, s));
                default:
                    var t = _operand.CompileString();
                    var strings = _strings;
                    return (f, s) => ContainsString(strings, t(f, s));
            }
        }

        private static bool ContainsInt(int[] candidates, int? value)
        {
            if (!value.HasValue) return false;
            var v = value.Value;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i] == v) return true;
            }

            return false;
        }

        private static bool ContainsDecimal(decimal[] candidates, decimal? value)
        {
            if (!value.HasValue) return false;
            var v = value.Value;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i] == v) return true;
            }

            return false;
        }

        private static bool ContainsString(string[] candidates, string? value)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (string.Equals(candidates[i], value, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }

    internal sealed class HasValue : Expr
    {
        private readonly Expr _operand;

        public HasValue(Expr operand)
            : base(ExprType.Bool) => _operand = operand;

        public override BoolFn CompileBool()
        {
            if (_operand.Type.Kind == ValueKind.Int)
            {
                var i = _operand.CompileInt();
                return (f, s) => i(f, s).HasValue;
            }

            var d = _operand.CompileDecimal();
            return (f, s) => d(f, s).HasValue;
        }
    }

    internal sealed class ValueOf : Expr
    {
        private const string Missing = "Nullable object must have a value.";
        private readonly Expr _operand;

        public ValueOf(Expr operand)
            : base(operand.Type.AsNonNullable()) => _operand = operand;

        public override IntFn CompileInt()
        {
            var a = _operand.CompileInt();
            return (f, s) => a(f, s) ?? throw new RuleEvaluationException(Missing);
        }

        public override DecimalFn CompileDecimal()
        {
            var a = _operand.CompileDecimal();
            return (f, s) => a(f, s) ?? throw new RuleEvaluationException(Missing);
        }
    }

    /// <summary>Math.Min / Math.Max / Math.Abs on non-null numbers (the overloads Dynamic LINQ picks).</summary>
    internal sealed class MathCall : Expr
    {
        private readonly string _name;
        private readonly Expr _a;
        private readonly Expr? _b;

        public MathCall(string name, Expr a, Expr? b, ExprType type)
            : base(type)
        {
            _name = name;
            _a = a;
            _b = b;
        }

        public override IntFn CompileInt()
        {
            var a = _a.CompileInt();
            if (_name == "Abs") return (f, s) => Math.Abs(a(f, s)!.Value);
            var b = _b!.CompileInt();
            if (_name == "Min") return (f, s) => Math.Min(a(f, s)!.Value, b(f, s)!.Value);
            return (f, s) => Math.Max(a(f, s)!.Value, b(f, s)!.Value);
        }

        public override DecimalFn CompileDecimal()
        {
            var a = _a.CompileDecimal();
            if (_name == "Abs") return (f, s) => Math.Abs(a(f, s)!.Value);
            var b = _b!.CompileDecimal();
            if (_name == "Min") return (f, s) => Math.Min(a(f, s)!.Value, b(f, s)!.Value);
            return (f, s) => Math.Max(a(f, s)!.Value, b(f, s)!.Value);
        }

        public override DoubleFn CompileDouble()
        {
            var a = _a.CompileDouble();
            if (_name == "Abs") return (f, s) => Math.Abs(a(f, s)!.Value);
            var b = _b!.CompileDouble();
            if (_name == "Min") return (f, s) => Math.Min(a(f, s)!.Value, b(f, s)!.Value);
            return (f, s) => Math.Max(a(f, s)!.Value, b(f, s)!.Value);
        }
    }

    internal sealed class StringCall : Expr
    {
        private const string NullReceiver = "Object reference not set to an instance of an object.";
        private readonly string _name;
        private readonly Expr _receiver;
        private readonly Expr? _argument;

        public StringCall(string name, Expr receiver, Expr? argument)
            : base(ExprType.Bool)
        {
            _name = name;
            _receiver = receiver;
            _argument = argument;
        }

        public override BoolFn CompileBool()
        {
            var receiver = _receiver.CompileString();
            if (_name == "IsNullOrEmpty") return (f, s) => string.IsNullOrEmpty(receiver(f, s));
            var argument = _argument!.CompileString();

            // The same overloads the reference engine binds to (string.StartsWith(string) and
            // string.EndsWith(string) are culture-sensitive; Contains(string) is ordinal), so both engines agree.
#pragma warning disable CA1310, CA1307
            return _name switch
            {
                "StartsWith" => (f, s) => Receiver(receiver(f, s)).StartsWith(Argument(argument(f, s))),
                "EndsWith" => (f, s) => Receiver(receiver(f, s)).EndsWith(Argument(argument(f, s))),
                _ => (f, s) => Receiver(receiver(f, s)).Contains(Argument(argument(f, s))),
            };
#pragma warning restore CA1310, CA1307
        }

        private static string Receiver(string? value) => value ?? throw new RuleEvaluationException(NullReceiver);

        private static string Argument(string? value) => value ?? throw new RuleEvaluationException("Value cannot be null.");
    }

    internal static class Literal
    {
        public static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        public static double ParseDouble(string text) => double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        public static int ParseInt(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
