# The accept check of virtualEvent.schema.json#/$defs/update, from mockgraph/accept.py: do not edit.
DIGEST = '6411d0a00c33c10c80183857e5024c7d2c7549a1dd0001ed8696b441fc41f673'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEvent$': re.compile('^#?microsoft\\.graph\\.virtualEvent$'),
    '^#?microsoft\\.graph\\.virtualEventSettings$': re.compile('^#?microsoft\\.graph\\.virtualEventSettings$'),
    '^#?microsoft\\.graph\\.dateTimeTimeZone$': re.compile('^#?microsoft\\.graph\\.dateTimeTimeZone$'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'),
    '^#?microsoft\\.graph\\.itemBody$': re.compile('^#?microsoft\\.graph\\.itemBody$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_update(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_update(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEvent$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEvent$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "createdBy" in data_keys:
            data_keys.remove("createdBy")
            data__createdBy = data["createdBy"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".createdBy must NOT match a disallowed definition")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate____defs_itembody(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "endDateTime" in data_keys:
            data_keys.remove("endDateTime")
            data__endDateTime = data["endDateTime"]
            validate____defs_datetimetimezone(data__endDateTime, custom_formats, (name_prefix or "data") + ".endDateTime")
        if "externalEventInformation" in data_keys:
            data_keys.remove("externalEventInformation")
            data__externalEventInformation = data["externalEventInformation"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".externalEventInformation must NOT match a disallowed definition")
        if "isRegistrationRequired" in data_keys:
            data_keys.remove("isRegistrationRequired")
            data__isRegistrationRequired = data["isRegistrationRequired"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".isRegistrationRequired must NOT match a disallowed definition")
        if "settings" in data_keys:
            data_keys.remove("settings")
            data__settings = data["settings"]
            validate____defs_virtualeventsettings(data__settings, custom_formats, (name_prefix or "data") + ".settings")
        if "startDateTime" in data_keys:
            data_keys.remove("startDateTime")
            data__startDateTime = data["startDateTime"]
            validate____defs_datetimetimezone(data__startDateTime, custom_formats, (name_prefix or "data") + ".startDateTime")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must NOT match a disallowed definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventsettings(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventSettings$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventSettings$")
        if "isAttendeeEmailNotificationEnabled" in data_keys:
            data_keys.remove("isAttendeeEmailNotificationEnabled")
            data__isAttendeeEmailNotificationEnabled = data["isAttendeeEmailNotificationEnabled"]
            if not isinstance(data__isAttendeeEmailNotificationEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isAttendeeEmailNotificationEnabled must be boolean or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_datetimetimezone(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['dateTime']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.dateTimeTimeZone$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.dateTimeTimeZone$")
        if "dateTime" in data_keys:
            data_keys.remove("dateTime")
            data__dateTime = data["dateTime"]
            if not isinstance(data__dateTime, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must be string")
            if isinstance(data__dateTime, str):
                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'].search(data__dateTime):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$")
        if "timeZone" in data_keys:
            data_keys.remove("timeZone")
            data__timeZone = data["timeZone"]
            if not isinstance(data__timeZone, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timeZone must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_itembody(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.itemBody$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.itemBody$")
        if "content" in data_keys:
            data_keys.remove("content")
            data__content = data["content"]
            if not isinstance(data__content, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".content must be string or null")
        if "contentType" in data_keys:
            data_keys.remove("contentType")
            data__contentType = data["contentType"]
            validate____defs_bodytype(data__contentType, custom_formats, (name_prefix or "data") + ".contentType")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_bodytype(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'text' or isinstance(data, str) and data == 'html' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['text', 'html', None]")
    return data
ACCEPTS = validate
