# The accept check of virtualEventTownhallRegistrationConfiguration.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = '6d1e2964ab6e5b51374fee5ffd4d9eba436b7005b8dab8f83960d13bbe17975c'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventTownhallRegistrationConfiguration$': re.compile('^#?microsoft\\.graph\\.virtualEventTownhallRegistrationConfiguration$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_create(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventTownhallRegistrationConfiguration$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventTownhallRegistrationConfiguration$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "capacity" in data_keys:
            data_keys.remove("capacity")
            data__capacity = data["capacity"]
            validate____defs_edm_int32(data__capacity, custom_formats, (name_prefix or "data") + ".capacity")
        if "isManualApprovalEnabled" in data_keys:
            data_keys.remove("isManualApprovalEnabled")
            data__isManualApprovalEnabled = data["isManualApprovalEnabled"]
            if not isinstance(data__isManualApprovalEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isManualApprovalEnabled must be boolean or null")
        if "isWaitlistEnabled" in data_keys:
            data_keys.remove("isWaitlistEnabled")
            data__isWaitlistEnabled = data["isWaitlistEnabled"]
            if not isinstance(data__isWaitlistEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isWaitlistEnabled must be boolean or null")
        if "registrationWebUrl" in data_keys:
            data_keys.remove("registrationWebUrl")
            data__registrationWebUrl = data["registrationWebUrl"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationWebUrl must NOT match a disallowed definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_edm_int32(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, NoneType)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer or null")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < -2147483648:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to -2147483648")
        if data > 2147483647:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 2147483647")
    return data
ACCEPTS = validate
