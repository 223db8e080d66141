# The accept check of virtualEventWebinarRegistrationConfiguration.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = '98b41b55ca4eb16b6d366d6e406cdb607d6197ee98bcfc520740639d81837dcd'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventWebinarRegistrationConfiguration$': re.compile('^#?microsoft\\.graph\\.virtualEventWebinarRegistrationConfiguration$')
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventWebinarRegistrationConfiguration$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventWebinarRegistrationConfiguration$")
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
