# The accept check of meetingAttendanceReport.schema.json#/$defs/update, from mockgraph/accept.py: do not edit.
DIGEST = '2654db6f88d36ff3eb62ffda6434b8c1c87b8fe28052bf17cce00c4dd661a4ac'
FORMATS = ['date-time']
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.meetingAttendanceReport$': re.compile('^#?microsoft\\.graph\\.meetingAttendanceReport$')
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.meetingAttendanceReport$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.meetingAttendanceReport$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "externalEventInformation" in data_keys:
            data_keys.remove("externalEventInformation")
            data__externalEventInformation = data["externalEventInformation"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".externalEventInformation must NOT match a disallowed definition")
        if "meetingEndDateTime" in data_keys:
            data_keys.remove("meetingEndDateTime")
            data__meetingEndDateTime = data["meetingEndDateTime"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meetingEndDateTime must NOT match a disallowed definition")
        if "meetingStartDateTime" in data_keys:
            data_keys.remove("meetingStartDateTime")
            data__meetingStartDateTime = data["meetingStartDateTime"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".meetingStartDateTime must NOT match a disallowed definition")
        if "totalParticipantCount" in data_keys:
            data_keys.remove("totalParticipantCount")
            data__totalParticipantCount = data["totalParticipantCount"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".totalParticipantCount must NOT match a disallowed definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data
ACCEPTS = validate
